/**
 * GELU, GPT-2's tanh approximation 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715x³))), chosen per backend.
 * Both variants use the identity 0.5·(1 + tanh(u)) = sigmoid(2u): wasm's Sigmoid is vectorised,
 * its Tanh is 15× slower.
 *
 * Through tfjs ops GELU is six elementwise kernels forward and about fifteen backward (autograd
 * through each product, and sums of x's five gradient paths), each a pass over the [B·T, F]
 * activation, the model's widest. The heap variant (wasm) keeps forward only the two kernels that
 * are vectorised (the sigmoid and the product), called on heap buffers outside the engine, makes
 * the polynomial in one JavaScript pass, and the gradient in another, written out: for
 * s = sigmoid(2u),  y = x·s,  dy/dx = s·(1 + x·(1 − s)·2u′),  u′ = √(2/π)·(1 + 3·0.044715x²).
 * JavaScript loops are no faster than those kernels per pass, so the gain is in the passes saved.
 */
import * as tf from '@tensorflow/tfjs-core';
import { WasmHeap } from './wasm-heap';

export type Gelu = (x: tf.Tensor2D) => tf.Tensor2D;

const TWICE_SQRT_2_OVER_PI = 2 * Math.sqrt(2 / Math.PI);
const CUBIC = 0.044715;

export function geluFor(backend: string): Gelu {
  return backend === 'wasm' ? heapGelu : tensorGelu;
}

export function tensorGelu(x: tf.Tensor2D): tf.Tensor2D {
  const cube = tf.mul(tf.mul(x, x), x);
  const twiceInner = tf.mul(tf.add(x, tf.mul(cube, CUBIC)), TWICE_SQRT_2_OVER_PI);
  return tf.mul(x, tf.sigmoid(twiceInner));
}

export function heapGelu(x: tf.Tensor2D): tf.Tensor2D {
  return tf.customGrad((...args) => {
    const [input, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const heap = new WasmHeap();
    // Math.exp costs 20–40 ns a value here, so the sigmoid is XNNPACK's, on 2u made in place.
    const inner = heap.allocate(input.shape);
    twiceInner(heap.view(input), heap.view(inner));
    const gates = heap.kernel(tf.Sigmoid, { x: inner }); // s, kept for the backward pass
    heap.free(inner);
    const y = heap.kernel(tf.Multiply, { a: input, b: gates });
    save([input, heap.toTensor(gates)]);
    return {
      value: heap.toTensor<tf.Rank.R2>(y),
      gradFunc: (dy: tf.Tensor, [savedInput, savedGates]: tf.Tensor[]) => {
        const dx = heap.allocate(input.shape);
        geluBackward(heap.view(dy), heap.view(savedInput), heap.view(savedGates), heap.view(dx));
        return heap.toTensor(dx);
      },
    };
  })(x) as tf.Tensor2D;
}

// The loops below go four values a step: V8 does not unroll loops, and over typed arrays that
// alone made them about 1.5× faster (measured).

function twiceInner(x: Float32Array, out: Float32Array): void {
  const n = x.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    out[i] = inner(x[i]);
    out[i + 1] = inner(x[i + 1]);
    out[i + 2] = inner(x[i + 2]);
    out[i + 3] = inner(x[i + 3]);
  }
  for (; i < n; i++) out[i] = inner(x[i]);
}

function geluBackward(dy: Float32Array, x: Float32Array, gates: Float32Array, dx: Float32Array): void {
  const n = x.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    dx[i] = dy[i] * slope(x[i], gates[i]);
    dx[i + 1] = dy[i + 1] * slope(x[i + 1], gates[i + 1]);
    dx[i + 2] = dy[i + 2] * slope(x[i + 2], gates[i + 2]);
    dx[i + 3] = dy[i + 3] * slope(x[i + 3], gates[i + 3]);
  }
  for (; i < n; i++) dx[i] = dy[i] * slope(x[i], gates[i]);
}

/** 2u = 2√(2/π)·(x + 0.044715x³) */
function inner(x: number): number {
  return TWICE_SQRT_2_OVER_PI * (x + CUBIC * x * x * x);
}

/** d(x·s)/dx for s = sigmoid(2u): s·(1 + x·(1 − s)·2u′) */
function slope(x: number, s: number): number {
  return s * (1 + x * (1 - s) * TWICE_SQRT_2_OVER_PI * (1 + 3 * CUBIC * x * x));
}
