import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lttbIndices } from '../../../media/charts/decimate';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

test('short series are kept whole', () => {
  assert.deepEqual(lttbIndices([0, 1, 2], [5, 6, 7], 10), [0, 1, 2]);
});

test('keeps exactly maxPoints, including both ends, in order', () => {
  const xs = range(10_000);
  const ys = xs.map((x) => Math.sin(x / 300));
  const kept = lttbIndices(xs, ys, 500);
  assert.equal(kept.length, 500);
  assert.equal(kept[0], 0);
  assert.equal(kept[kept.length - 1], 9_999);
  for (let i = 1; i < kept.length; i++) assert.ok(kept[i] > kept[i - 1]);
});

test('keeps a single spike that averaging would flatten', () => {
  const xs = range(5_000);
  const ys = xs.map((x) => (x === 2_345 ? 100 : 1));
  assert.ok(lttbIndices(xs, ys, 100).includes(2_345));
});

test('skips non-finite values', () => {
  const kept = lttbIndices([0, 1, 2, 3], [1, NaN, Infinity, 2], 10);
  assert.deepEqual(kept, [0, 3]);
});
