/** The heap GELU (wasm) against the tensor one: values and gradients, over ordinary and saturated inputs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { heapGelu, tensorGelu, type Gelu } from '../../../daemon/model/gelu';
import '../../../daemon/model/register-gradients';
import { Random } from '../../../daemon/util/random';
import { onWasmBackend } from '../../helpers/wasm-backend';

onWasmBackend();

const random = new Random(11);

/** y and the gradient for an arbitrary upstream gradient dy. */
function valueAndGradient(gelu: Gelu, x: Float32Array, dy: Float32Array, shape: [number, number]): Float32Array[] {
  return tf.tidy(() => {
    const input = tf.tensor2d(x, shape);
    const y = gelu(input).dataSync() as Float32Array;
    const dx = tf.grad((a: tf.Tensor) => gelu(a as tf.Tensor2D))(input, tf.tensor2d(dy, shape)).dataSync() as Float32Array;
    return [y, dx];
  });
}

function assertSame(x: Float32Array, shape: [number, number]): void {
  const dy = Float32Array.from(x, () => random.next() * 2 - 1);
  const heap = valueAndGradient(heapGelu, x, dy, shape);
  const plain = valueAndGradient(tensorGelu, x, dy, shape);
  ['y', 'dx'].forEach((what, i) => {
    for (const v of heap[i]) assert.ok(Number.isFinite(v), `${what}: ${v}`);
    plain[i].forEach((w, j) => assert.ok(Math.abs(heap[i][j] - w) <= 1e-6 * (1 + Math.abs(w)), `${what}[${j}] at x = ${x[j]}: ${heap[i][j]} vs ${w}`));
  });
}

test('the same values and gradients as the tensor version (a size that is no multiple of four)', () => {
  assertSame(Float32Array.from({ length: 3 * 7 }, () => random.next() * 8 - 4), [3, 7]);
});

test('saturated inputs: x for large x, 0 for very negative x, finite gradients', () => {
  const x = Float32Array.from([-1000, -100, -20, -5, 0, 5, 20, 100, 1000]);
  assertSame(x, [1, x.length]);
  const [y] = valueAndGradient(heapGelu, x, new Float32Array(x.length).fill(1), [1, x.length]);
  assert.deepEqual(Array.from(y.slice(-3)), [20, 100, 1000]);
  for (const v of y.slice(0, 3)) assert.ok(Math.abs(v) < 1e-6, `${v}`);
});
