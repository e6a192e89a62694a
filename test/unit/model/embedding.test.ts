/** The wasm embedding lookup (rows copied on the heap) against the cpu one (tf.gather): rows, gradients, bad ids. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { embeddingFor } from '../../../daemon/model/embedding';
import { matMulFor } from '../../../daemon/model/matmul';
import '../../../daemon/model/register-gradients';
import { onWasmBackend } from '../../helpers/wasm-backend';

onWasmBackend();

const [V, C] = [5, 3];
const table = Float32Array.from({ length: V * C }, (_, i) => i * 0.5 - 3);
// Repeated ids, so the gradient must sum their rows; id 2 never appears, so its row's gradient is 0.
const ids = Int32Array.from([4, 0, 4, 1, 3, 4]);
const dy = Float32Array.from({ length: ids.length * C }, (_, i) => (i % 7) - 2.5);

function rowsAndGradient(backend: string, idValues: Int32Array): Float32Array[] {
  const embed = embeddingFor(backend, matMulFor(backend));
  return tf.tidy(() => {
    const t = tf.tensor2d(table, [V, C]);
    const i = tf.tensor1d(idValues, 'int32');
    const rows = embed(i, t).dataSync() as Float32Array;
    const gradient = tf.grad((x: tf.Tensor) => embed(i, x as tf.Tensor2D))(t, tf.tensor2d(dy, [idValues.length, C])).dataSync() as Float32Array;
    return [rows, gradient];
  });
}

test('the same rows and table gradient as tf.gather and its gradient', () => {
  const [heapRows, heapGradient] = rowsAndGradient('wasm', ids);
  const [rows, gradient] = rowsAndGradient('cpu', ids);
  assert.deepEqual(Array.from(heapRows), Array.from(rows));
  assert.deepEqual(Array.from(heapGradient), Array.from(gradient));
  assert.deepEqual(Array.from(heapGradient.subarray(2 * C, 3 * C)), [0, 0, 0]);
});

test('an id outside the table is an error, not a row of whatever the heap holds', () => {
  assert.throws(() => rowsAndGradient('wasm', Int32Array.from([1, V])), /token id 5 is outside the embedding table's 5 rows/);
});
