/** The heap cross-entropy (wasm) against the tensor one, values and gradients, on ordinary and extreme logits. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { heapCrossEntropy, tensorCrossEntropy, type CrossEntropy } from '../../../daemon/model/cross-entropy';
import '../../../daemon/model/register-gradients';
import { Random } from '../../../daemon/util/random';
import { onWasmBackend } from '../../helpers/wasm-backend';

onWasmBackend();

const [B, T, V] = [3, 5, 11];
const random = new Random(3);
const targets = Int32Array.from({ length: B * T }, () => Math.floor(random.next() * V));
// Distinct weights per sample, so a gradient scaled by the wrong sample's dy shows.
const sampleWeights = [0.5, -1.25, 2];

/** The losses [B] and the gradient of Σ weight_b·loss_b with respect to the logits. */
function lossesAndGradient(crossEntropy: CrossEntropy, logits: Float32Array): { losses: Float32Array; gradient: Float32Array } {
  return tf.tidy(() => {
    const x = tf.tensor2d(logits, [B * T, V]);
    const y = tf.tensor2d(targets, [B, T], 'int32');
    const losses = crossEntropy(x, y).dataSync() as Float32Array;
    const gradient = tf.grad((l: tf.Tensor) => tf.sum(tf.mul(crossEntropy(l as tf.Tensor2D, y), sampleWeights)))(x).dataSync() as Float32Array;
    return { losses, gradient };
  });
}

function assertClose(actual: Float32Array, wanted: Float32Array, tolerance: number, what: string): void {
  assert.equal(actual.length, wanted.length, `${what}: length`);
  wanted.forEach((w, i) => assert.ok(Math.abs(actual[i] - w) <= tolerance * (1 + Math.abs(w)), `${what}[${i}]: ${actual[i]} vs ${w}`));
}

function assertSame(logits: Float32Array, tolerance: number): void {
  const heap = lossesAndGradient(heapCrossEntropy, logits);
  const plain = lossesAndGradient(tensorCrossEntropy, logits);
  assertClose(heap.losses, plain.losses, tolerance, 'loss');
  assertClose(heap.gradient, plain.gradient, tolerance, 'gradient');
}

test('ordinary logits: the same per-sample losses and gradients as the tensor version', () => {
  assertSame(Float32Array.from({ length: B * T * V }, () => random.next() * 6 - 3), 1e-6);
});

test('logits of ±80: finite losses and gradients, equal to the tensor version', () => {
  const logits = Float32Array.from({ length: B * T * V }, () => (random.next() < 0.5 ? -80 : 80));
  const { losses, gradient } = lossesAndGradient(heapCrossEntropy, logits);
  for (const value of [...losses, ...gradient]) assert.ok(Number.isFinite(value), `${value}`);
  // A target at −80 among logits of +80 costs 160 nats; the largest loss here must say so.
  const missed = targets.some((target, row) => logits[row * V + target] === -80);
  if (missed) assert.ok(Math.max(...losses) > 160 / T - 1e-3, `losses ${losses}`);
  assertSame(logits, 1e-6);
});

test('one dominant logit per row: a loss near 0 where it is the target, near its margin where it is not', () => {
  const logits = new Float32Array(B * T * V).fill(-40);
  targets.forEach((target, row) => (logits[row * V + (row % 2 === 0 ? target : (target + 1) % V)] = 40));
  const { losses } = lossesAndGradient(heapCrossEntropy, logits);
  losses.forEach((loss, b) => {
    const missedRows = Array.from({ length: T }, (_, t) => b * T + t).filter((row) => row % 2 === 1).length;
    assert.ok(Math.abs(loss - (80 * missedRows) / T) < 1e-4, `sample ${b}: ${loss}`);
  });
});
