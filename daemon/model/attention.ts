/**
 * Causal multi-head self-attention on projected queries, keys and values: softmax(QKᵀ/√D + mask)·V
 * per head. The input holds Q, K and V side by side in each row ([B, T, 3C]: one projection makes
 * all three), the output is [B, T, C]; within each, the H heads sit side by side (C = H·D).
 *
 * Two implementations of the same function, chosen per backend:
 *  - tensorAttention: batched tfjs ops, autograd through them (cpu, tensorflow).
 *  - heapAttention (wasm): tfjs-backend-wasm runs every *batched* matMul in a scalar loop about
 *    10× slower than its 2-D path. Here each (sequence, head) pair's products are 2-D products of
 *    gemm.wat on the wasm heap (wasm-heap.ts), which read Q, K, V and dY where they lie in the
 *    activations, read P and dS transposed through strides, and write their results into place;
 *    only Kᵀ and Vᵀ, right operands, are copied out. One softmax kernel covers all pairs' masked
 *    scores, and its gradient runs in JavaScript over the causal triangle.
 *    The backward pass is written out by hand: with S = QKᵀ/√D, P = softmax(S), Y = PV,
 *      dV = Pᵀ·dY,  dP = dY·Vᵀ,  dS = P ⊙ (dP − rowsum(dP ⊙ P)),  dQ = dS·K/√D,  dK = dSᵀ·Q/√D.
 */
import * as tf from '@tensorflow/tfjs-core';
import { WasmHeap, type Strided } from './wasm-heap';

/** qkv: [B, T, 3C], the projected queries, keys and values side by side → [B, T, C]. */
export type Attention = (qkv: tf.Tensor3D, heads: number) => tf.Tensor3D;

/** Added above the diagonal; large enough to vanish in the softmax, finite so no inf − inf appears. */
const MASKED_SCORE = -1e9;

export function attentionFor(backend: string): Attention {
  return backend === 'wasm' ? heapAttention : tensorAttention;
}

export function tensorAttention(qkv: tf.Tensor3D, heads: number): tf.Tensor3D {
  const [B, T, C3] = qkv.shape;
  const C = C3 / 3;
  const D = C / heads;
  const toHeads = (part: number) => tf.transpose(tf.reshape(tf.slice(qkv, [0, 0, part * C], [B, T, C]), [B, T, heads, D]), [0, 2, 1, 3]) as tf.Tensor4D; // [B, H, T, D]
  const above = tf.sub(1, tf.linalg.bandPart(tf.ones([T, T]), -1, 0)); // [T, T]: 1 where a query would see the future
  const scores = tf.add(tf.mul(tf.matMul(toHeads(0), toHeads(1), false, true), 1 / Math.sqrt(D)), tf.mul(above, MASKED_SCORE)); // [B, H, T, T]
  const mixed = tf.matMul(tf.softmax(scores), toHeads(2)); // [B, H, T, D]
  return tf.reshape(tf.transpose(mixed, [0, 2, 1, 3]), [B, T, C]);
}

export function heapAttention(qkv: tf.Tensor3D, heads: number): tf.Tensor3D {
  return tf.customGrad((...args) => {
    const [x, save] = args as [tf.Tensor3D, tf.GradSaveFunc];
    const [B, T, C3] = x.shape;
    const C = C3 / 3;
    const D = C / heads;
    const fused: RowLayout = { T, width: C3, D };
    // Column of head h's first value in the query, key and value parts of a row of x.
    const [query, key, value] = [0, 1, 2].map((part) => (h: number) => part * C + h * D);
    const scale = 1 / Math.sqrt(D);
    const heap = new WasmHeap();
    /** Sequence b's T rows of `buffer` (rows `width` wide) from `column` on, D columns read in place. */
    const head = (buffer: tf.TensorInfo, b: number, column: number, width: number): Strided => ({ buffer, offset: b * T * width + column, rowStride: width });
    /** Pair g's [T, T] matrix in a buffer of stacked ones, or its transpose. */
    const square = (buffer: tf.TensorInfo, g: number, transposed = false): Strided =>
      transposed ? { buffer, offset: g * T * T, rowStride: 1, columnStride: T } : { buffer, offset: g * T * T, rowStride: T };
    // Scores of every (sequence, head) pair, masked, so that one vectorised softmax covers them all:
    // Math.exp in JavaScript costs about 10× more per value.
    const scores = heap.allocate([B * heads * T, T]);
    const keyColumns = heap.allocate([D, T]);
    forEachHead(B, heads, (b, h, g) => {
      copyHeadColumns(heap.view(x), heap.view(keyColumns), b, key(h), fused, scale);
      heap.productInto(square(scores, g), head(x, b, query(h), C3), { buffer: keyColumns, rowStride: T }, [T, T, D]); // Q·Kᵀ/√D
      maskFuture(heap.view(scores), g * T * T, T);
    });
    heap.free(keyColumns);
    const probabilities = heap.softmax(scores); // kept for the backward pass
    heap.free(scores);
    const y = heap.allocate([B, T, C]);
    forEachHead(B, heads, (b, h, g) => heap.productInto(head(y, b, h * D, C), square(probabilities, g), head(x, b, value(h), C3), [T, D, T])); // P·V
    save([x, heap.toTensor(probabilities)]);
    return {
      value: heap.toTensor<tf.Rank.R3>(y),
      gradFunc: (dy: tf.Tensor, [xs, ps]: tf.Tensor[]) => {
        const dx = heap.allocate([B, T, C3]);
        const ds = heap.allocate([T, T]);
        const valueColumns = heap.allocate([D, T]);
        forEachHead(B, heads, (b, h, g) => {
          heap.productInto(head(dx, b, value(h), C3), square(ps, g, true), head(dy, b, h * D, C), [T, D, T]); // dV = Pᵀ·dY
          copyHeadColumns(heap.view(xs), heap.view(valueColumns), b, value(h), fused);
          heap.productInto(square(ds, 0), head(dy, b, h * D, C), { buffer: valueColumns, rowStride: T }, [T, T, D]); // dP = dY·Vᵀ
          softmaxBackwardInPlace(heap.view(ds), heap.view(ps), g * T * T, T, scale);
          heap.productInto(head(dx, b, query(h), C3), square(ds, 0), head(xs, b, key(h), C3), [T, D, T]); // dQ = dS·K
          heap.productInto(head(dx, b, key(h), C3), square(ds, 0, true), head(xs, b, query(h), C3), [T, D, T]); // dK = dSᵀ·Q
        });
        heap.free(ds, valueColumns);
        return [heap.toTensor(dx)];
      },
    };
  })(qkv) as tf.Tensor3D;
}

/** Rows of T positions per sequence, each `width` values wide, of which a head takes D from a given column. */
interface RowLayout {
  T: number;
  width: number;
  D: number;
}

/** Visits every (sequence, head) pair with its index g = b·heads + h. */
function forEachHead(B: number, heads: number, visit: (b: number, h: number, g: number) => void): void {
  for (let b = 0; b < B; b++) for (let h = 0; h < heads; h++) visit(b, h, b * heads + h);
}

/** D columns from `column` of sequence b's rows of x, times factor, into out, transposed: [D, T]. */
function copyHeadColumns(x: Float32Array, out: Float32Array, b: number, column: number, { T, width, D }: RowLayout, factor = 1): void {
  for (let t = 0; t < T; t++) {
    const row = (b * T + t) * width + column;
    for (let d = 0; d < D; d++) out[d * T + t] = x[row + d] * factor;
  }
}

/** MASKED_SCORE above the diagonal of the [T, T] scores at offset in s: no query sees the future. */
function maskFuture(s: Float32Array, offset: number, T: number): void {
  for (let i = 0; i < T - 1; i++) s.fill(MASKED_SCORE, offset + i * T + i + 1, offset + (i + 1) * T);
}

/** dP → dS·scale (the gradient of the scores before scaling), using P (at pOffset in p); entries above the diagonal stay 0. */
function softmaxBackwardInPlace(dp: Float32Array, p: Float32Array, pOffset: number, T: number, scale: number): void {
  for (let i = 0; i < T; i++) {
    const row = i * T;
    const pRow = pOffset + row;
    let dot = 0;
    for (let j = 0; j <= i; j++) dot += dp[row + j] * p[pRow + j];
    for (let j = 0; j <= i; j++) dp[row + j] = p[pRow + j] * (dp[row + j] - dot) * scale;
    dp.fill(0, row + i + 1, row + T);
  }
}
