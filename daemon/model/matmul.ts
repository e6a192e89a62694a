/**
 * The 2-D matrix product (plus an optional bias on every row) the model uses for every
 * projection, chosen per backend.
 *
 * On wasm, tfjs's own matMul sends only untransposed operands to XNNPACK (the transposed products
 * of its gradient fall back to a scalar loop about 10× slower), and XNNPACK repacks its right
 * operand on every call. The wasm variant runs gemm.wat's kernel on the heap instead, forward and
 * backward: xᵀ·dy reads x through strides (no transpose), dy·Wᵀ lays out the small Wᵀ first, and
 * the bias gradient is dy's column sums. On the other backends tfjs's matMul and its gradient are
 * the fast path.
 */
import * as tf from '@tensorflow/tfjs-core';
import { WasmHeap } from './wasm-heap';

/** [M, K]·[K, N] (+ [N] on every row) → [M, N] */
export type MatMul = (a: tf.Tensor2D, b: tf.Tensor2D, bias?: tf.Tensor1D) => tf.Tensor2D;

export function matMulFor(backend: string): MatMul {
  return backend === 'wasm' ? matMulOnHeap : plainMatMul;
}

const plainMatMul: MatMul = (a, b, bias) => (bias ? tf.add(tf.matMul(a, b), bias) : tf.matMul(a, b));

const matMulOnHeap: MatMul = (a, b, bias) => (bias ? heapProductWithBias(a, b, bias) : heapProduct(a, b)) as tf.Tensor2D;

const heapProduct = tf.customGrad((...args) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  const heap = new WasmHeap();
  return {
    value: heap.toTensor(heap.matMul(a, b)),
    gradFunc: (dy: tf.Tensor, [savedA, savedB]: tf.Tensor[]) => productGradients(heap, dy, savedA, savedB),
  };
});

const heapProductWithBias = tf.customGrad((...args) => {
  const [a, b, bias, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([a, b]);
  const heap = new WasmHeap();
  return {
    value: heap.toTensor(heap.matMul(a, b, { bias })),
    gradFunc: (dy: tf.Tensor, [savedA, savedB]: tf.Tensor[]) => [...productGradients(heap, dy, savedA, savedB), heap.toTensor(heap.columnSums(dy))],
  };
});

/** For C = A·B: dA = dC·Bᵀ and dB = Aᵀ·dC. */
function productGradients(heap: WasmHeap, dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Tensor[] {
  return [heap.toTensor(heap.matMul(dy, b, { transposeB: true })), heap.toTensor(heap.matMul(a, dy, { transposeA: true }))];
}
