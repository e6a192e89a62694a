import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clipMinProbability, normalize } from '../../../daemon/mixture/distribution';

const close = (actual: ArrayLike<number>, expected: number[], tolerance: number) =>
  expected.forEach((e, k) => assert.ok(Math.abs(actual[k] - e) <= tolerance, `[${k}]: ${actual[k]} vs ${e}`));

test('clip_min_probability matches the reference on both test vectors', () => {
  close(clipMinProbability([0.7, 0.295, 0.005], 0.01), [0.6965174129, 0.2935323383, 0.0099502488], 1e-10);
  close(clipMinProbability([0.5, 0.4999, 0.0001, 0], 0.01), [0.4902441416, 0.4901460928, 0.0098048828, 0.0098048828], 1e-10);
});

test('a clipped distribution sums to 1 and lifts small entries close to the floor', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 30 }), (raw) => {
      fc.pre(raw.some((x) => x > 0));
      const minimum = 0.5 / raw.length;
      const q = clipMinProbability(normalize(raw), minimum);
      assert.ok(Math.abs(q.reduce((a, b) => a + b, 0) - 1) < 1e-12);
      // Renormalising after the floor can push an entry below it, but never by more than a factor 2 here.
      q.forEach((v) => assert.ok(v >= minimum / 2 && v <= 1));
    }),
  );
});

test('normalize refuses vectors that are not weights', () => {
  assert.throws(() => normalize([1, -1]), /≥ 0/);
  assert.throws(() => normalize([0, 0]), /positive sum/);
  assert.throws(() => normalize([1, NaN]), /finite/);
});
