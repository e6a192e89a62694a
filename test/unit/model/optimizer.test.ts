import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdamW, type ParameterSlot } from '../../../daemon/model/adamw';
import { clipScale } from '../../../daemon/model/clip-gradients';

// A 2×2 matrix (decayed) then a bias of 2 (not decayed), flat.
const slots: ParameterSlot[] = [
  { size: 4, decay: true },
  { size: 2, decay: false },
];
const parameters = () => Float32Array.from([1, -2, 3, 4, 0.5, -0.5]);

test('gradient clipping scales all gradients together to the maximum global norm', () => {
  const gradients = Float32Array.from([3, 0, 0, 4]);
  const scale = clipScale(gradients, 1);
  [0.6, 0, 0, 0.8].forEach((v, i) => assert.ok(Math.abs(gradients[i] * scale - v) < 1e-6));
});

test('gradients within the limit, or a limit of 0, pass unchanged', () => {
  assert.equal(clipScale(Float32Array.from([0.3, 0.4]), 1), 1);
  assert.equal(clipScale(Float32Array.from([30, 40]), 0), 1);
});

test('AdamW decays matrices (not vectors) by lr·λ, decoupled from the gradient', () => {
  const p = parameters();
  new AdamW(slots, { beta1: 0.9, beta2: 0.95, weightDecay: 0.1 }).apply(p, new Float32Array(6), 0.5);
  assert.deepEqual(Array.from(p), [0.95, -1.9, 2.85, 3.8, 0.5, -0.5].map((v) => Math.fround(v)));
});

test('AdamW takes bias-corrected Adam steps: the first step moves each weight by lr·sign(g)', () => {
  const p = parameters();
  const optimizer = new AdamW(slots, { beta1: 0.9, beta2: 0.95, weightDecay: 0 });
  optimizer.apply(p, Float32Array.from([2, -3, 0.5, 1e-3, -4, 4]), 0.01);
  const expected = [1 - 0.01, -2 + 0.01, 3 - 0.01, 4 - 0.01 * (1e-3 / (1e-3 + 1e-8)), 0.51, -0.51];
  p.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-6, `${v} vs ${expected[i]}`));

  // Second step, by hand: m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g², step = lr/(1−β1²) · m / (√v/√(1−β2²) + ε).
  const before = p[4];
  optimizer.apply(p, Float32Array.from([0, 0, 0, 0, 2, 0]), 0.01);
  const m = 0.9 * (0.1 * -4) + 0.1 * 2;
  const v = 0.95 * (0.05 * 16) + 0.05 * 4;
  const step = (0.01 / (1 - 0.9 ** 2)) * (m / (Math.sqrt(v) / Math.sqrt(1 - 0.95 ** 2) + 1e-8));
  assert.ok(Math.abs(p[4] - (before - step)) < 1e-6);
});

test('the gradient scale (clipping) multiplies the gradients before the moments', () => {
  const scaled = parameters();
  const plain = parameters();
  const settings = { beta1: 0.9, beta2: 0.95, weightDecay: 0.1 };
  const [a, b] = [new AdamW(slots, settings), new AdamW(slots, settings)];
  a.apply(scaled, Float32Array.from([2, 4, 6, 8, 10, 12]), 0.1, 0.5);
  b.apply(plain, Float32Array.from([1, 2, 3, 4, 5, 6]), 0.1);
  assert.deepEqual(a.state(), b.state());
  assert.deepEqual(scaled, plain);
});

test('optimizer state round-trips: a restored optimizer continues identically', () => {
  const a = parameters();
  const settings = { beta1: 0.9, beta2: 0.95, weightDecay: 0.1 };
  const first = new AdamW(slots, settings);
  const second = new AdamW(slots, settings);
  const gradients = Float32Array.from([1, 2, 3, 4, -1, 1]);
  first.apply(a, gradients, 0.1);
  second.restore(first.state());
  const b = a.slice();
  first.apply(a, gradients, 0.1);
  second.apply(b, gradients, 0.1);
  assert.deepEqual(a, b);
  assert.throws(() => second.restore({ step: 1, firstMoment: new Float32Array(5), secondMoment: new Float32Array(5) }), /expected 6 moments/);
});
