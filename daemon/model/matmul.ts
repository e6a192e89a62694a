/**
 * The 2-D matrix product (plus an optional bias on every row) the model uses for every
 * projection, chosen per backend.
 *
 * tfjs-backend-wasm sends a matMul to XNNPACK only when neither operand is transposed; the two
 * products in matMul's built-in gradient (dy·Wᵀ and xᵀ·dy) use transpose flags and fall back to a
 * scalar loop about 10× slower. The wasm variant computes the same gradient with explicit
 * Transpose kernels so all its products take the fast path (3× faster training, measured). It
 * also adds the bias inside the product (XNNPACK's fused bias) and takes the bias gradient, the
 * column sums of dy, as the product 1ᵀ·dy: wasm's Sum over rows transposes dy first, while the
 * product reuses the packed copy of dy that XNNPACK just made for xᵀ·dy. On the other backends the
 * flags are free and the explicit transposes cost about 10 %.
 */
import * as tf from '@tensorflow/tfjs-core';

/** [M, K]·[K, N] (+ [N] on every row) → [M, N] */
export type MatMul = (a: tf.Tensor2D, b: tf.Tensor2D, bias?: tf.Tensor1D) => tf.Tensor2D;

export function matMulFor(backend: string): MatMul {
  return backend === 'wasm' ? matMulOnFastPath : plainMatMul;
}

const plainMatMul: MatMul = (a, b, bias) => (bias ? tf.add(tf.matMul(a, b), bias) : tf.matMul(a, b));

const matMulOnFastPath: MatMul = (a, b, bias) => (bias ? productWithBias(a, b, bias) : product(a, b)) as tf.Tensor2D;

const product = tf.customGrad((...args) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, [savedA, savedB]: tf.Tensor[]) => productGradients(dy as tf.Tensor2D, savedA as tf.Tensor2D, savedB as tf.Tensor2D),
  };
});

const productWithBias = tf.customGrad((...args) => {
  const [a, b, bias, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.fused.matMul({ a, b, bias }),
    gradFunc: (dy: tf.Tensor, [savedA, savedB]: tf.Tensor[]) => {
      const [rows, columns] = (dy as tf.Tensor2D).shape;
      const [da, db] = productGradients(dy as tf.Tensor2D, savedA as tf.Tensor2D, savedB as tf.Tensor2D);
      const columnSums = tf.matMul(tf.ones([1, rows]), dy as tf.Tensor2D); // after xᵀ·dy, so XNNPACK reuses its packed dy
      return [da, db, tf.reshape(columnSums, [columns])];
    },
  };
});

function productGradients(dy: tf.Tensor2D, a: tf.Tensor2D, b: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
  return [
    tf.matMul(dy, tf.transpose(b)), // [M, K]
    tf.matMul(tf.transpose(a), dy), // [K, N]
  ];
}
