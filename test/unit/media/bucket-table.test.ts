import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BucketTable } from '../../../media/charts/bucket-table';

test('rows stay within capacity and keep the overall mean', () => {
  const table = new BucketTable(2, 8);
  for (let step = 1; step <= 1000; step++) table.append([step, step % 7]);
  assert.ok(table.rows <= 8);
  const steps = table.column(0);
  assert.ok(steps[0] < steps[steps.length - 1]);
  // Buckets are equal-sized except the open last one, so weighting by size recovers the mean of 1..1000.
  let sum = 0;
  let count = 0;
  for (let row = 0; row < table.rows; row++) {
    const size = row < table.rows - 1 ? 128 : 1000 - 128 * (table.rows - 1);
    sum += table.value(0, row) * size;
    count += size;
  }
  assert.equal(count, 1000);
  assert.ok(Math.abs(sum / count - 500.5) < 1e-9);
});

test('absent values do not drag a bucket mean', () => {
  const table = new BucketTable(2, 2);
  table.append([1, 4]);
  table.append([2, NaN]);
  table.append([3, 8]); // compaction merges rows 1 and 2
  assert.equal(table.rows, 2);
  assert.equal(table.value(1, 0), 4);
  assert.equal(table.value(1, 1), 8);
});

test('live rows join buckets as large as the backfilled ones', () => {
  const table = new BucketTable(1, 16);
  table.appendAveraged([10], 10);
  table.appendAveraged([20], 10);
  for (let step = 21; step <= 30; step++) table.append([step]);
  assert.equal(table.rows, 3);
  assert.equal(table.value(0, 2), 25.5);
});

test('truncateFrom drops the rows at and after a threshold', () => {
  const table = new BucketTable(1, 8);
  for (const step of [1, 2, 3, 4]) table.append([step]);
  table.truncateFrom(0, 3);
  assert.deepEqual([...table.column(0)], [1, 2]);
});
