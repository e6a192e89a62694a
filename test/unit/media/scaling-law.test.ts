import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lawCurve, lawLoss } from '../../../media/charts/scaling-law';
import { lawDatasets, SMALL_LAW_CHART, spreadIndices } from '../../../media/charts/law-chart';
import { latestLawParameters, lawsCsv } from '../../../media/charts/law-parameters';
import { RunData } from '../../../media/charts/run-data';
import { REPORT_THEME } from '../../../media/report/report-theme';

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

test('with per-domain counts, a domain\'s points, curve and prediction sit at its own n', () => {
  const run = new RunData('r');
  const fit = {
    type: 'fit' as const,
    step: 99,
    n: 300,
    nByDomain: [300, 8],
    laws: [law, law],
    objectives: [0, 0],
    predicted: [lawLoss(law, 300), lawLoss(law, 8)],
    preference: [0.9, 0.1],
    points: { n: [100, 200, 300], loss: [[3, 2.9, 2.8], [4, 3.9]], nByDomain: [[100, 200, 300], [4, 8]] },
  };
  run.applyEvent({ type: 'meta', kind: 'train', domains: ['a', 'late'], prior: [0.5, 0.5], policy: 'ado', runId: 'r', seq: 1, time: 0 });
  run.applyEvent({ ...fit, runId: 'r', seq: 2, time: 0 });
  const [observed, ...rest] = lawDatasets(run, 1, REPORT_THEME, SMALL_LAW_CHART);
  assert.deepEqual(observed.data, [{ x: 4, y: 4 }, { x: 8, y: 3.9 }]);
  assert.deepEqual(rest.at(-1)?.data, [{ x: 8, y: lawLoss(law, 8) }]);
  assert.ok(Math.abs(Math.max(...rest[0].data.map((p) => p.x)) - 8) < 1e-9, 'the curve ends at the domain\'s own n');
  assert.equal(latestLawParameters(run, 1)?.n, 8);
  assert.match(lawsCsv(run), /\n99,8,late,/);
});
