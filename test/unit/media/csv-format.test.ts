import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCsv } from '../../../media/charts/csv';
import { formatCount, formatDuration, formatLossTick } from '../../../media/charts/format';
import { withAlpha } from '../../../media/charts/palette';
import { viridis } from '../../../media/charts/color-scale';

test('CSV quotes separators and defuses spreadsheet formulas', () => {
  const csv = toCsv(['name', 'value'], [
    ['a,b', 1],
    ['say "hi"', null],
    ['=HYPERLINK("x")', NaN],
  ]);
  assert.equal(csv, 'name,value\r\n"a,b",1\r\n"say ""hi""",\r\n"\'=HYPERLINK(""x"")",\r\n');
});

test('counts and durations read like TensorBoard axes', () => {
  assert.equal(formatCount(950), '950');
  assert.equal(formatCount(12_000), '12k');
  assert.equal(formatCount(1_234_567), '1.23M');
  assert.equal(formatDuration(65_000), '1:05');
  assert.equal(formatDuration(3_725_000), '1:02:05');
});

test('theme colours gain an alpha channel', () => {
  assert.equal(withAlpha('#ff8000', 0.5), 'rgba(255, 128, 0, 0.5)');
  assert.equal(withAlpha('#fff', 0.25), 'rgba(255, 255, 255, 0.25)');
  assert.equal(withAlpha('rgba(10, 20, 30, 0.5)', 0.5), 'rgba(10, 20, 30, 0.25)');
});

test('the colour scale runs from viridis purple to yellow and clamps', () => {
  assert.equal(viridis(0), 'rgb(68, 1, 84)');
  assert.equal(viridis(1), 'rgb(253, 231, 37)');
  assert.equal(viridis(7), viridis(1));
});

test('loss axis labels drop trailing zeros and floating-point noise', () => {
  assert.equal(formatLossTick(4.2), '4.2');
  assert.equal(formatLossTick(0.30000000000000004), '0.3');
  assert.equal(formatLossTick(5), '5');
  assert.equal(formatLossTick(2.125), '2.125');
  assert.equal(formatLossTick(Number.NaN), '');
});
