import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyPayload } from '../../../extension/panels/history-payload';
import { ReplayLink } from '../../browser/support/replay-link';
import { syntheticRunEvents } from '../../browser/support/synthetic-run';

async function history() {
  const link = new ReplayLink();
  link.addRun('a', [...syntheticRunEvents({ runId: 'a', domains: 3, steps: 3_000, evalInterval: 500, fitInterval: 1_000 })]);
  return link.request('runs.history', { runId: 'a', maxPoints: 200 });
}

test('only the newest fit keeps its observed points; the fits themselves all stay', async () => {
  const original = await history();
  const payload = historyPayload(original);
  assert.ok(original.fits.length >= 2);
  assert.equal(payload.fits.length, original.fits.length);
  const points = payload.fits.map((fit) => (fit.type === 'fit' ? fit.points.n.length : -1));
  assert.ok(points.slice(0, -1).every((n) => n === 0), `older fits carry points: ${points}`);
  assert.deepEqual(payload.fits.at(-1), original.fits.at(-1));
  const withoutPoints = (fits: typeof original.fits) => fits.map((fit) => fit.type === 'fit' && { ...fit, points: null });
  assert.deepEqual(withoutPoints(payload.fits), withoutPoints(original.fits));
});

test('step metrics are rounded to six decimals, gaps stay gaps, and the rest passes through', async () => {
  const original = await history();
  original.steps.domainLosses[1][0] = null;
  const payload = historyPayload(original);
  const sixDecimals = (value: number) => Math.abs(value * 1e6 - Math.round(value * 1e6)) < 1e-6;
  const close = (before: (number | null)[], after: (number | null)[]) =>
    before.every((value, i) => (value === null ? after[i] === null : after[i] !== null && Math.abs(value - after[i]) <= 5e-7 && sixDecimals(after[i])));
  assert.ok(close(original.steps.loss, payload.steps.loss));
  original.steps.domainLosses.forEach((column, k) => assert.ok(close(column, payload.steps.domainLosses[k])));
  original.steps.weights.forEach((column, k) => assert.ok(close(column, payload.steps.weights[k])));
  assert.equal(payload.steps.domainLosses[1][0], null);
  assert.deepEqual(payload.steps.step, original.steps.step);
  assert.deepEqual(payload.evals, original.evals);
  assert.deepEqual(payload.meta, original.meta);
  assert.ok(JSON.stringify(payload).length < JSON.stringify(original).length);
});
