import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupEdges, groupMeans, rowGroups } from '../../../media/charts/row-groups';

test('groups cover every row once', () => {
  const groups = rowGroups(10, 3);
  assert.deepEqual(groups, [
    { start: 0, end: 3 },
    { start: 3, end: 6 },
    { start: 6, end: 10 },
  ]);
  assert.equal(rowGroups(2, 5).length, 2);
  assert.equal(rowGroups(0, 5).length, 0);
});

test('means skip absent values', () => {
  const groups = rowGroups(4, 2);
  assert.deepEqual([...groupMeans([1, 3, NaN, NaN], groups)].map(String), ['2', 'NaN']);
});

test('edges tile the axis halfway between neighbouring groups', () => {
  const groups = rowGroups(4, 2);
  assert.deepEqual([...groupEdges([0, 10, 20, 30], groups)], [0, 15, 30]);
});
