/** The wasm heap attention against the tensor version, values and gradients, on shapes that fill gemm.wat's tiles and shapes that do not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { heapAttention, tensorAttention, type Attention } from '../../../daemon/model/attention';
import { Random } from '../../../daemon/util/random';
import '../../../daemon/model/register-gradients';
import { onWasmBackend } from '../../helpers/wasm-backend';

onWasmBackend();

/** The attention's output and the gradient of Σ weights ⊙ output with respect to its input, as flat arrays. */
function outputAndGradient(attention: Attention, qkv: Float32Array, weights: Float32Array, [B, T, C]: number[], heads: number): [Float32Array, Float32Array] {
  return tf.tidy(() => {
    const x = tf.tensor3d(qkv, [B, T, 3 * C]);
    const w = tf.tensor3d(weights, [B, T, C]);
    const output = attention(x, heads).dataSync() as Float32Array;
    const gradient = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(attention(input as tf.Tensor3D, heads), w)))(x).dataSync() as Float32Array;
    return [output.slice(), gradient.slice()];
  });
}

for (const [B, T, C, heads] of [[2, 16, 32, 2], [1, 13, 12, 3], [3, 8, 64, 4]]) {
  test(`heap attention matches the tensor version for B${B} T${T} C${C} with ${heads} heads`, () => {
    const random = new Random(B * 100 + T);
    const values = (n: number) => Float32Array.from({ length: n }, () => random.next() * 4 - 2);
    const qkv = values(B * T * 3 * C);
    const weights = values(B * T * C);
    const [heapOutput, heapGradient] = outputAndGradient(heapAttention, qkv, weights, [B, T, C], heads);
    const [tensorOutput, tensorGradient] = outputAndGradient(tensorAttention, qkv, weights, [B, T, C], heads);
    tensorOutput.forEach((v, i) => assert.ok(Math.abs(heapOutput[i] - v) < 1e-5, `output[${i}]: ${heapOutput[i]} vs ${v}`));
    tensorGradient.forEach((v, i) => assert.ok(Math.abs(heapGradient[i] - v) < 1e-4, `gradient[${i}]: ${heapGradient[i]} vs ${v}`));
  });
}
