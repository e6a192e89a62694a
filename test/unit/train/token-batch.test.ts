import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchRows, shardRanges, tokenBatch } from '../../../daemon/train/token-batch';

test('windows pack row by row into inputs and next-token targets', () => {
  const tokens = Uint16Array.from([1, 2, 3, 4, 5, 6, 7]);
  const batch = tokenBatch(
    [
      { x: tokens.subarray(0, 3), y: tokens.subarray(1, 4) },
      { x: tokens.subarray(3, 6), y: tokens.subarray(4, 7) },
    ],
    3,
  );
  assert.deepEqual(batch, { size: 2, length: 3, inputs: Int32Array.from([1, 2, 3, 4, 5, 6]), targets: Int32Array.from([2, 3, 4, 5, 6, 7]) });
  assert.deepEqual(batchRows(batch, 1, 2).inputs, Int32Array.from([4, 5, 6]));
});

test('shards are contiguous, cover every row once and differ in size by at most one', () => {
  assert.deepEqual(shardRanges(16, 2), [[0, 8], [8, 16]]);
  assert.deepEqual(shardRanges(7, 3), [[0, 3], [3, 5], [5, 7]]);
  assert.deepEqual(shardRanges(1, 2), [[0, 1]]);
});
