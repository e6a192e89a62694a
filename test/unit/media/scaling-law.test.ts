import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lawCurve, lawLoss } from '../../../media/charts/scaling-law';
import { spreadIndices } from '../../../media/charts/law-chart';

const law = { logBeta: Math.log(4), logEps: Math.log(1.5), alpha: 0.5 };

test('L(n) = ε + β·n^(−α)', () => {
  assert.ok(Math.abs(lawLoss(law, 16) - (1.5 + 4 / 4)) < 1e-12);
});

test('the curve is sampled evenly in log n between the ends', () => {
  const curve = lawCurve(law, 1, 10_000, 5);
  assert.deepEqual(curve.map((p) => Math.round(p.x)), [1, 10, 100, 1000, 10000]);
  assert.ok(curve.every((p, i) => i === 0 || p.y < curve[i - 1].y), 'a law with α > 0 decreases');
});

test('an empty or inverted range gives no curve', () => {
  assert.deepEqual(lawCurve(law, 0, 10, 5), []);
  assert.deepEqual(lawCurve(law, 10, 1, 5), []);
});

test('earlier refits are spread from the first to the one before the newest', () => {
  assert.deepEqual(spreadIndices(10, 4), [0, 3, 6, 9]);
  assert.deepEqual(spreadIndices(2, 6), [0, 1]);
  assert.deepEqual(spreadIndices(5, 1), [4]);
  assert.deepEqual(spreadIndices(0, 3), []);
});
