import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../../daemon/backend/select-backend';
import { AdamW } from '../../../daemon/model/adamw';
import { clipByGlobalNorm } from '../../../daemon/model/clip-gradients';
import type { Parameter } from '../../../daemon/model/parameters';

before(async () => {
  await selectBackend('cpu');
});

function parameters(): Parameter[] {
  return [
    { name: 'matrix', variable: tf.variable(tf.tensor2d([[1, -2], [3, 4]])), decay: true },
    { name: 'bias', variable: tf.variable(tf.tensor1d([0.5, -0.5])), decay: false },
  ];
}

const values = (p: Parameter) => Array.from(p.variable.dataSync());

test('gradient clipping scales all gradients together to the maximum global norm', () => {
  tf.tidy(() => {
    const clipped = clipByGlobalNorm([tf.tensor1d([3, 0]), tf.tensor2d([[0, 4]])], 1);
    const flat = clipped.flatMap((g) => Array.from(g.dataSync()));
    [0.6, 0, 0, 0.8].forEach((v, i) => assert.ok(Math.abs(flat[i] - v) < 1e-6));
  });
});

test('gradients within the limit, or a limit of 0, pass unchanged', () => {
  tf.tidy(() => {
    assert.deepEqual(Array.from(clipByGlobalNorm([tf.tensor1d([0.3, 0.4])], 1)[0].dataSync()), [0.30000001192092896, 0.4000000059604645]);
    assert.deepEqual(Array.from(clipByGlobalNorm([tf.tensor1d([30, 40])], 0)[0].dataSync()), [30, 40]);
  });
});

test('AdamW decays matrices (not vectors) by lr·λ, decoupled from the gradient', () => {
  const params = parameters();
  const optimizer = new AdamW(params, { beta1: 0.9, beta2: 0.95, weightDecay: 0.1 });
  tf.tidy(() => optimizer.apply(params.map((p) => tf.zerosLike(p.variable)), 0.5));
  assert.deepEqual(values(params[0]), [0.95, -1.9, 2.85, 3.8].map((v) => Math.fround(v)));
  assert.deepEqual(values(params[1]), [0.5, -0.5]);
  optimizer.dispose();
});

test('AdamW takes bias-corrected Adam steps: the first step moves each weight by lr·sign(g)', () => {
  const params = parameters();
  const optimizer = new AdamW(params, { beta1: 0.9, beta2: 0.95, weightDecay: 0 });
  tf.tidy(() => optimizer.apply([tf.tensor2d([[2, -3], [0.5, 1e-3]]), tf.tensor1d([-4, 4])], 0.01));
  const expectedMatrix = [1 - 0.01, -2 + 0.01, 3 - 0.01, 4 - 0.01 * (1e-3 / (1e-3 + 1e-8))];
  values(params[0]).forEach((v, i) => assert.ok(Math.abs(v - expectedMatrix[i]) < 1e-6, `${v} vs ${expectedMatrix[i]}`));
  values(params[1]).forEach((v, i) => assert.ok(Math.abs(v - [0.51, -0.51][i]) < 1e-6));

  // Second step, by hand: m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g², step = lr/(1−β1²) · m / (√v/√(1−β2²) + ε).
  const before = values(params[1])[0];
  tf.tidy(() => optimizer.apply([tf.zeros([2, 2]), tf.tensor1d([2, 0])], 0.01));
  const m = 0.9 * (0.1 * -4) + 0.1 * 2;
  const v = 0.95 * (0.05 * 16) + 0.05 * 4;
  const step = (0.01 / (1 - 0.9 ** 2)) * (m / (Math.sqrt(v) / Math.sqrt(1 - 0.95 ** 2) + 1e-8));
  assert.ok(Math.abs(values(params[1])[0] - (before - step)) < 1e-6);
  optimizer.dispose();
});

test('optimizer state round-trips: a restored optimizer continues identically', () => {
  const a = parameters();
  const b = parameters();
  const first = new AdamW(a, { beta1: 0.9, beta2: 0.95, weightDecay: 0.1 });
  const second = new AdamW(b, { beta1: 0.9, beta2: 0.95, weightDecay: 0.1 });
  const gradients = () => [tf.tensor2d([[1, 2], [3, 4]]), tf.tensor1d([-1, 1])];
  tf.tidy(() => first.apply(gradients(), 0.1));
  second.restore(first.state());
  tf.tidy(() => b.forEach((p, i) => p.variable.assign(a[i].variable)));
  tf.tidy(() => first.apply(gradients(), 0.1));
  tf.tidy(() => second.apply(gradients(), 0.1));
  a.forEach((p, i) => assert.deepEqual(values(p), values(b[i])));
  first.dispose();
  second.dispose();
});
