import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SavitzkyGolay } from '../../../daemon/mixture/savgol';

test('matches scipy.signal.savgol_filter(x, 101, 3) (mode "interp") at both edges and inside', () => {
  const x = Array.from({ length: 201 }, (_, t) => 2 + 5 * (t + 1) ** -0.3 + 0.05 * Math.sin(t));
  const y = new SavitzkyGolay(101, 3).filter(x);
  const expected: [number, number][] = [
    [0, 5.635487798256663],
    [100, 3.2514074235663966],
    [200, 3.0105116062380457],
  ];
  for (const [t, value] of expected) assert.ok(Math.abs(y[t] - value) <= 1e-9 * Math.abs(value), `y[${t}] = ${y[t]}, scipy ${value}`);
});

test('reproduces any polynomial of degree ≤ order exactly, edges included (what "interp" means)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 12 }).map((h) => 2 * h + 1),
      fc.integer({ min: 0, max: 3 }),
      fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 }),
      fc.integer({ min: 0, max: 40 }),
      (window, order, coefficients, extra) => {
        fc.pre(order < window);
        const polynomial = (t: number) => coefficients.slice(0, order + 1).reduce((sum, c, p) => sum + c * (t / 10) ** p, 0);
        const x = Array.from({ length: window + extra }, (_, t) => polynomial(t));
        const y = new SavitzkyGolay(window, order).filter(x);
        x.forEach((value, t) => assert.ok(Math.abs(y[t] - value) <= 1e-9 * (1 + Math.abs(value)), `t=${t}: ${y[t]} vs ${value}`));
      },
    ),
  );
});

test('at() evaluates single indices exactly as the whole filter does', () => {
  const x = Float32Array.from({ length: 300 }, (_, t) => Math.log(t + 2) + Math.cos(t / 3));
  const smoother = new SavitzkyGolay(21, 2);
  const whole = smoother.filter(x);
  for (const t of [0, 5, 10, 11, 150, 288, 289, 299]) assert.equal(smoother.at(x, x.length, t), whole[t]);
});

test('rejects windows it cannot use', () => {
  assert.throws(() => new SavitzkyGolay(100, 3), /odd/);
  assert.throws(() => new SavitzkyGolay(5, 5), /order/);
  assert.throws(() => new SavitzkyGolay(5, 2).at([1, 2, 3], 3, 0), /at least 5 samples/);
});
