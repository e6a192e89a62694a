import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debiasedEma } from '../../../media/charts/smoothing';

test('weight 0 leaves values unchanged', () => {
  assert.deepEqual([...debiasedEma([3, 1, 2], 0)], [3, 1, 2]);
});

test('the first smoothed value equals the first value (debiased, not pulled towards zero)', () => {
  assert.equal(debiasedEma([5, 5, 5], 0.9)[0], 5);
  assert.ok(Math.abs(debiasedEma([5, 5, 5], 0.9)[2] - 5) < 1e-12);
});

test('matches TensorBoard on a worked example', () => {
  // TensorBoard: last = last·w + (1−w)·v; smoothed = last / (1 − w^k).
  const w = 0.6;
  const values = [1, 3, 2];
  let last = 0;
  const expected = values.map((v, i) => {
    last = last * w + (1 - w) * v;
    return last / (1 - Math.pow(w, i + 1));
  });
  debiasedEma(values, w).forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-12));
});

test('gaps pass through and do not count towards the debias', () => {
  const smoothed = debiasedEma([2, NaN, 4], 0.5);
  assert.ok(Number.isNaN(smoothed[1]));
  // Two finite values: (0.25·2 + 0.5·4) / (1 − 0.25)
  assert.ok(Math.abs(smoothed[2] - (0.5 * 0.5 * 2 + 0.5 * 4) / 0.75) < 1e-12);
});
