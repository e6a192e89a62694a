/** The heap LayerNorm (wasm) against the tensor one: values and the gradients of x, gain and bias. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { heapLayerNorm, tensorLayerNorm, type LayerNorm } from '../../../daemon/model/layer-norm';
import '../../../daemon/model/register-gradients';
import { Random } from '../../../daemon/util/random';
import { onWasmBackend } from '../../helpers/wasm-backend';

onWasmBackend();

const [B, T, C] = [2, 3, 12];
const random = new Random(5);
const uniform = (n: number, low: number, high: number) => Float32Array.from({ length: n }, () => low + (high - low) * random.next());
// An arbitrary weighting of the outputs, so that every output's gradient path counts differently.
const outputWeights = uniform(B * T * C, -1, 1);

/** y and the gradients of Σ w·y with respect to x, gain and bias. */
function valuesAndGradients(layerNorm: LayerNorm, x: Float32Array, gain: Float32Array, bias: Float32Array): Float32Array[] {
  return tf.tidy(() => {
    const inputs = [tf.tensor3d(x, [B, T, C]), tf.tensor1d(gain), tf.tensor1d(bias)] as const;
    const y = layerNorm(...inputs).dataSync() as Float32Array;
    const weights = tf.tensor3d(outputWeights, [B, T, C]);
    const gradients = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(layerNorm(a as tf.Tensor3D, g as tf.Tensor1D, b as tf.Tensor1D), weights)))([...inputs]);
    return [y, ...gradients.map((g) => g.dataSync() as Float32Array)];
  });
}

function assertSame(x: Float32Array, gain: Float32Array, bias: Float32Array, tolerance: number): void {
  const heap = valuesAndGradients(heapLayerNorm, x, gain, bias);
  const plain = valuesAndGradients(tensorLayerNorm, x, gain, bias);
  ['y', 'dx', 'dgain', 'dbias'].forEach((what, i) => {
    assert.equal(heap[i].length, plain[i].length, `${what}: length`);
    plain[i].forEach((w, j) => assert.ok(Math.abs(heap[i][j] - w) <= tolerance * (1 + Math.abs(w)), `${what}[${j}]: ${heap[i][j]} vs ${w}`));
  });
}

test('the same values and gradients (x, gain, bias) as the tensor version', () => {
  assertSame(uniform(B * T * C, -3, 3), uniform(C, 0.5, 1.5), uniform(C, -0.5, 0.5), 1e-5);
});

test('rows far from zero with a small spread, and a constant row, agree too', () => {
  const x = uniform(B * T * C, 99.9, 100.1);
  x.fill(7, 0, C);
  assertSame(x, uniform(C, 0.5, 1.5), uniform(C, -0.5, 0.5), 1e-3);
});
