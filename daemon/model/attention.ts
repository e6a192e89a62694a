/**
 * Causal multi-head self-attention on projected queries, keys and values: softmax(QKᵀ/√D + mask)·V
 * per head. The input holds Q, K and V side by side in each row ([B, T, 3C]: one projection makes
 * all three), the output is [B, T, C]; within each, the H heads sit side by side (C = H·D).
 *
 * Two implementations of the same function, chosen per backend:
 *  - tensorAttention: batched tfjs ops, autograd through them (cpu, tensorflow).
 *  - heapAttention (wasm): tfjs-backend-wasm runs every *batched* matMul in a scalar loop about
 *    10× slower than its XNNPACK path, which only takes 2-D products. Here each (sequence, head)
 *    pair's products are 2-D XNNPACK products on buffers of the wasm heap (wasm-heap.ts), filled and
 *    read in place; one softmax kernel covers all pairs' masked scores, and its gradient runs in
 *    JavaScript over the causal triangle.
 *    The backward pass is written out by hand: with S = QKᵀ/√D, P = softmax(S), Y = PV,
 *      dV = Pᵀ·dY,  dP = dY·Vᵀ,  dS = P ⊙ (dP − rowsum(dP ⊙ P)),  dQ = dS·K/√D,  dK = dSᵀ·Q/√D.
 *    XNNPACK takes no transposed operands, and it repacks a product's right operand every time at
 *    about 7 ns per value, so the [T, T] matrices are only ever left operands: Pᵀ and dSᵀ are
 *    transposed in JavaScript, which costs a fraction of packing them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { WasmHeap } from './wasm-heap';

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
    const plain: RowLayout = { T, width: C, D };
    // Column of head h's first value in the query, key and value parts of a row of x.
    const [query, key, value] = [0, 1, 2].map((part) => (h: number) => part * C + h * D);
    const scale = 1 / Math.sqrt(D);
    const heap = new WasmHeap();
    // Scores of every (sequence, head) pair, masked, so that one vectorised softmax covers them all:
    // Math.exp in JavaScript costs about 10× more per value.
    const scores = heap.allocate([B * heads * T, T]);
    const rows = heap.allocate([T, D]);
    forEachHead(B, heads, (b, h, g) => {
      const keyColumns = heap.allocate([D, T]);
      copyHeadColumns(heap.view(x), heap.view(keyColumns), b, key(h), fused);
      copyHeadRows(heap.view(x), heap.view(rows), b, query(h), fused, scale);
      const s = heap.matMul(rows, keyColumns); // Q·Kᵀ/√D [T, T]
      heap.free(keyColumns);
      copyMasked(heap.view(s), heap.view(scores), g * T * T, T);
      heap.free(s);
    });
    heap.free(rows);
    const probabilities = heap.softmax(scores); // kept for the backward pass
    heap.free(scores);
    const y = heap.allocate([B, T, C]);
    const p = heap.allocate([T, T]);
    forEachHead(B, heads, (b, h, g) => {
      heap.view(p).set(heap.view(probabilities).subarray(g * T * T, (g + 1) * T * T));
      const valueRows = heap.allocate([T, D]);
      copyHeadRows(heap.view(x), heap.view(valueRows), b, value(h), fused);
      const mixed = heap.matMul(p, valueRows); // P·V [T, D]
      heap.free(valueRows);
      writeHeadRows(heap.view(mixed), heap.view(y), b, h * D, plain);
      heap.free(mixed);
    });
    heap.free(p);
    save([x, heap.toTensor(probabilities)]);
    return {
      value: heap.toTensor<tf.Rank.R3>(y),
      gradFunc: (dy: tf.Tensor, [xs, ps]: tf.Tensor[]) => {
        const dx = heap.allocate([B, T, C3]);
        const transposed = heap.allocate([T, T]);
        forEachHead(B, heads, (b, h, g) => {
          // dV = Pᵀ·dY
          transposeInto(heap.view(ps), g * T * T, heap.view(transposed), T);
          const dyRows = heap.allocate([T, D]);
          copyHeadRows(heap.view(dy), heap.view(dyRows), b, h * D, plain);
          const dvRows = heap.matMul(transposed, dyRows);
          writeHeadRows(heap.view(dvRows), heap.view(dx), b, value(h), fused);
          heap.free(dvRows);
          // dP = dY·Vᵀ, then dS in place
          const valueColumns = heap.allocate([D, T]);
          copyHeadColumns(heap.view(xs), heap.view(valueColumns), b, value(h), fused);
          const ds = heap.matMul(dyRows, valueColumns);
          heap.free(dyRows, valueColumns);
          softmaxBackwardInPlace(heap.view(ds), heap.view(ps), g * T * T, T, scale);
          // dQ = dS·K
          const keyRows = heap.allocate([T, D]);
          copyHeadRows(heap.view(xs), heap.view(keyRows), b, key(h), fused);
          const dqRows = heap.matMul(ds, keyRows);
          writeHeadRows(heap.view(dqRows), heap.view(dx), b, query(h), fused);
          heap.free(keyRows, dqRows);
          // dK = dSᵀ·Q
          transposeInto(heap.view(ds), 0, heap.view(transposed), T);
          heap.free(ds);
          const queryRows = heap.allocate([T, D]);
          copyHeadRows(heap.view(xs), heap.view(queryRows), b, query(h), fused);
          const dkRows = heap.matMul(transposed, queryRows);
          writeHeadRows(heap.view(dkRows), heap.view(dx), b, key(h), fused);
          heap.free(queryRows, dkRows);
        });
        heap.free(transposed);
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

/** D columns from `column` of sequence b's rows of x, times factor, into out as a [T, D] matrix. */
function copyHeadRows(x: Float32Array, out: Float32Array, b: number, column: number, { T, width, D }: RowLayout, factor = 1): void {
  for (let t = 0; t < T; t++) {
    const row = (b * T + t) * width + column;
    for (let d = 0; d < D; d++) out[t * D + d] = x[row + d] * factor;
  }
}

/** D columns from `column` of sequence b's rows of x into out, transposed: [D, T]. */
function copyHeadColumns(x: Float32Array, out: Float32Array, b: number, column: number, { T, width, D }: RowLayout): void {
  for (let t = 0; t < T; t++) {
    const row = (b * T + t) * width + column;
    for (let d = 0; d < D; d++) out[d * T + t] = x[row + d];
  }
}

/** A [T, D] matrix into D columns from `column` of sequence b's rows of target. */
function writeHeadRows(rows: Float32Array, target: Float32Array, b: number, column: number, { T, width, D }: RowLayout): void {
  for (let t = 0; t < T; t++) {
    const row = (b * T + t) * width + column;
    for (let d = 0; d < D; d++) target[row + d] = rows[t * D + d];
  }
}

/** The [T, T] matrix at offset in x, transposed, into out. */
function transposeInto(x: Float32Array, offset: number, out: Float32Array, T: number): void {
  for (let r = 0; r < T; r++) for (let c = 0; c < T; c++) out[c * T + r] = x[offset + r * T + c];
}

/** The [T, T] scores s into out at offset, with MASKED_SCORE where a query would see the future. */
function copyMasked(s: Float32Array, out: Float32Array, offset: number, T: number): void {
  out.set(s, offset);
  for (let i = 0; i < T - 1; i++) out.fill(MASKED_SCORE, offset + i * T + i + 1, offset + (i + 1) * T);
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
