/**
 * Causal multi-head self-attention on projected queries, keys and values: softmax(QKᵀ/√D + mask)·V
 * per head. Inputs and output are [B, T, C] with the H heads side by side in C (C = H·D).
 *
 * Two implementations of the same function, chosen per backend:
 *  - tensorAttention: batched tfjs ops, autograd through them (cpu, tensorflow).
 *  - slicedAttention (wasm): tfjs-backend-wasm runs every *batched* matMul in a scalar loop about
 *    10× slower than its XNNPACK path, which only takes 2-D products. Here each (sequence, head)
 *    pair's products are 2-D matMuls fed from and read back to JavaScript arrays (wasm reads are
 *    plain memory copies), and the softmax and its gradient run in JavaScript over the causal
 *    triangle. The backward pass is written out by hand: with S = QKᵀ/√D, P = softmax(S), Y = PV,
 *      dV = Pᵀ·dY,  dP = dY·Vᵀ,  dS = P ⊙ (dP − rowsum(dP ⊙ P)),  dQ = dS·K/√D,  dK = dSᵀ·Q/√D.
 */
import * as tf from '@tensorflow/tfjs-core';

export type Attention = (q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, heads: number) => tf.Tensor3D;

/** Added above the diagonal; large enough to vanish in the softmax, finite so no inf − inf appears. */
const MASKED_SCORE = -1e9;

export function attentionFor(backend: string): Attention {
  return backend === 'wasm' ? slicedAttention : tensorAttention;
}

export function tensorAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, heads: number): tf.Tensor3D {
  const [B, T, C] = q.shape;
  const D = C / heads;
  const toHeads = (x: tf.Tensor3D) => tf.transpose(tf.reshape(x, [B, T, heads, D]), [0, 2, 1, 3]) as tf.Tensor4D; // [B, H, T, D]
  const above = tf.sub(1, tf.linalg.bandPart(tf.ones([T, T]), -1, 0)); // [T, T]: 1 where a query would see the future
  const scores = tf.add(tf.mul(tf.matMul(toHeads(q), toHeads(k), false, true), 1 / Math.sqrt(D)), tf.mul(above, MASKED_SCORE)); // [B, H, T, T]
  const mixed = tf.matMul(tf.softmax(scores), toHeads(v)); // [B, H, T, D]
  return tf.reshape(tf.transpose(mixed, [0, 2, 1, 3]), [B, T, C]);
}

export function slicedAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, heads: number): tf.Tensor3D {
  return tf.customGrad((...args) => {
    const [qt, kt, vt] = args as tf.Tensor3D[];
    const [B, T, C] = qt.shape;
    const layout = { T, C, D: C / heads };
    const scale = 1 / Math.sqrt(layout.D);
    const [qs, ks, vs] = [qt, kt, vt].map((t) => t.dataSync() as Float32Array);
    const probabilities: Float32Array[] = []; // per (b, h): P [T, T]
    const y = new Float32Array(B * T * C);
    forEachHead(B, heads, (b, h) => {
      const p = matMul2d(headRows(qs, b, h, layout), T, layout.D, headColumns(ks, b, h, layout), T); // [T, T] = Q·Kᵀ
      causalSoftmaxInPlace(p, T, scale);
      probabilities.push(p);
      writeHeadRows(y, matMul2d(p, T, T, headRows(vs, b, h, layout), layout.D), b, h, layout); // P·V [T, D]
    });
    return {
      value: tf.tensor3d(y, [B, T, C]),
      gradFunc: (dy: tf.Tensor) => {
        const dys = dy.dataSync() as Float32Array;
        const [dq, dk, dv] = [0, 1, 2].map(() => new Float32Array(B * T * C));
        let g = 0;
        forEachHead(B, heads, (b, h) => {
          const p = probabilities[g++];
          const dyRows = headRows(dys, b, h, layout); // [T, D]
          writeHeadRows(dv, matMul2d(transpose(p, T, T), T, T, dyRows, layout.D), b, h, layout);
          const ds = matMul2d(dyRows, T, layout.D, headColumns(vs, b, h, layout), T); // dP [T, T], becomes dS
          softmaxBackwardInPlace(ds, p, T, scale);
          writeHeadRows(dq, matMul2d(ds, T, T, headRows(ks, b, h, layout), layout.D), b, h, layout);
          writeHeadRows(dk, matMul2d(transpose(ds, T, T), T, T, headRows(qs, b, h, layout), layout.D), b, h, layout);
        });
        return [dq, dk, dv].map((values) => tf.tensor3d(values, [B, T, C]));
      },
    };
  })(q, k, v) as tf.Tensor3D;
}

interface HeadLayout {
  T: number;
  C: number;
  D: number;
}

function forEachHead(B: number, heads: number, visit: (b: number, h: number) => void): void {
  for (let b = 0; b < B; b++) for (let h = 0; h < heads; h++) visit(b, h);
}

/** Head h of sequence b as a [T, D] matrix. */
function headRows(x: Float32Array, b: number, h: number, { T, C, D }: HeadLayout): Float32Array {
  const out = new Float32Array(T * D);
  for (let t = 0; t < T; t++) out.set(x.subarray((b * T + t) * C + h * D, (b * T + t) * C + (h + 1) * D), t * D);
  return out;
}

/** Head h of sequence b, transposed: [D, T]. */
function headColumns(x: Float32Array, b: number, h: number, { T, C, D }: HeadLayout): Float32Array {
  const out = new Float32Array(D * T);
  for (let t = 0; t < T; t++) {
    const row = (b * T + t) * C + h * D;
    for (let d = 0; d < D; d++) out[d * T + t] = x[row + d];
  }
  return out;
}

function writeHeadRows(target: Float32Array, rows: Float32Array, b: number, h: number, { T, C, D }: HeadLayout): void {
  for (let t = 0; t < T; t++) target.set(rows.subarray(t * D, (t + 1) * D), (b * T + t) * C + h * D);
}

function transpose(x: Float32Array, rows: number, columns: number): Float32Array {
  const out = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out[c * rows + r] = x[r * columns + c];
  return out;
}

/** [rows, inner] · [inner, columns] on the backend (XNNPACK on wasm), read back. */
function matMul2d(a: Float32Array, rows: number, inner: number, b: Float32Array, columns: number): Float32Array {
  // Disposed by hand: returning a typed array from tf.tidy makes tidy walk every element.
  const operands = [tf.tensor2d(a, [rows, inner]), tf.tensor2d(b, [inner, columns])];
  const product = tf.matMul(operands[0], operands[1]);
  const values = product.dataSync() as Float32Array;
  tf.dispose([...operands, product]);
  return values;
}

/** Row-wise softmax of scale·S over j ≤ i; entries above the diagonal become 0. */
function causalSoftmaxInPlace(s: Float32Array, T: number, scale: number): void {
  for (let i = 0; i < T; i++) {
    const row = i * T;
    let max = -Infinity;
    for (let j = 0; j <= i; j++) max = Math.max(max, s[row + j] * scale);
    let sum = 0;
    for (let j = 0; j <= i; j++) sum += s[row + j] = Math.exp(s[row + j] * scale - max);
    for (let j = 0; j <= i; j++) s[row + j] /= sum;
    s.fill(0, row + i + 1, row + T);
  }
}

/** dP → dS·scale (the gradient of the scores before scaling), using P; entries above the diagonal stay 0. */
function softmaxBackwardInPlace(dp: Float32Array, p: Float32Array, T: number, scale: number): void {
  for (let i = 0; i < T; i++) {
    const row = i * T;
    let dot = 0;
    for (let j = 0; j <= i; j++) dot += dp[row + j] * p[row + j];
    for (let j = 0; j <= i; j++) dp[row + j] = p[row + j] * (dp[row + j] - dot) * scale;
    dp.fill(0, row + i + 1, row + T);
  }
}
