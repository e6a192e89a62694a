import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trimHistory } from '../../../shared/history-trim';
import { ReplayLink } from '../../browser/support/replay-link';
import { syntheticRunEvents } from '../../browser/support/synthetic-run';

async function history() {
  const link = new ReplayLink();
  link.addRun('a', [...syntheticRunEvents({ runId: 'a', domains: 3, steps: 3_000, evalInterval: 500, fitInterval: 1_000 })]);
  return link.request('runs.history', { runId: 'a', maxPoints: 200 });
}

test('without trim options the history passes through whole', async () => {
  const original = await history();
  assert.deepEqual(trimHistory(original, {}), original);
  assert.deepEqual(trimHistory(original, { fitPoints: 'all' }), original);
});

test('fitPoints "newest": only the newest fit keeps its observed points; the fits themselves all stay', async () => {
  const original = await history();
  const trimmed = trimHistory(original, { fitPoints: 'newest' });
  assert.ok(original.fits.length >= 2);
  assert.equal(trimmed.fits.length, original.fits.length);
  const points = trimmed.fits.map((fit) => (fit.type === 'fit' ? fit.points.n.length : -1));
  assert.ok(points.slice(0, -1).every((n) => n === 0), `older fits carry points: ${points}`);
  assert.deepEqual(trimmed.fits.at(-1), original.fits.at(-1));
  const withoutPoints = (fits: typeof original.fits) => fits.map((fit) => fit.type === 'fit' && { ...fit, points: null });
  assert.deepEqual(withoutPoints(trimmed.fits), withoutPoints(original.fits));
  assert.deepEqual(trimmed.steps, original.steps);
});

test('digits: step metrics, evaluations and fits keep that many significant digits; gaps stay gaps; x values and identities stay exact', async () => {
  const original = await history();
  original.steps.domainLosses[1][0] = null;
  const trimmed = trimHistory(original, { digits: 5 });
  const fiveDigits = (value: number) => value === Number(value.toPrecision(5)) && String(value).replace(/^0\.0*|\./g, '').length <= 5;
  const close = (before: (number | null)[], after: (number | null)[]) =>
    before.every((value, i) => (value === null ? after[i] === null : after[i] !== null && fiveDigits(after[i]) && Math.abs(value - after[i]) <= Math.abs(value) * 5.000001e-5));
  assert.ok(close(original.steps.loss, trimmed.steps.loss));
  original.steps.domainLosses.forEach((column, k) => assert.ok(close(column, trimmed.steps.domainLosses[k])));
  original.steps.weights.forEach((column, k) => assert.ok(close(column, trimmed.steps.weights[k])));
  original.steps.epochs?.forEach((column, k) => assert.ok(close(column, trimmed.steps.epochs?.[k] ?? [])));
  assert.equal(trimmed.steps.domainLosses[1][0], null);
  for (const x of ['step', 'tokens', 'elapsedMs'] as const) assert.deepEqual(trimmed.steps[x], original.steps[x]);
  for (const [events, before] of [[trimmed.evals, original.evals], [trimmed.fits, original.fits]]) {
    assert.equal(events.length, before.length);
    events.forEach((event, i) => {
      const exact = ['step', 'tokens', 'elapsedMs', 'seq', 'time', 'runId', 'type'];
      assert.deepEqual(pick(event, exact), pick(before[i], exact));
      const measured = Object.fromEntries(Object.entries(before[i]).filter(([key]) => !exact.includes(key)));
      const numbers = (value: unknown): number[] => (typeof value === 'number' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(numbers) : []);
      const after = numbers(pick(event, Object.keys(measured)));
      assert.ok(close(numbers(measured), after) && after.length > 0, `${event.type} ${event.seq}`);
    });
  }
  assert.deepEqual(trimmed.meta, original.meta);
  assert.ok(JSON.stringify(trimmed).length < JSON.stringify(original).length);
});

test('digits: large, tiny and negative values round as toPrecision does', () => {
  const values = [123456.789, 0.000123456789, -2.718281828, 1, 0, 99999.5, 1e-9 / 3];
  const history = { steps: { step: [], tokens: [], elapsedMs: [], loss: values, domainLosses: [], weights: [] }, evals: [], fits: [], meta: null };
  assert.deepEqual(trimHistory(history, { digits: 5 }).steps.loss, values.map((v) => Number(v.toPrecision(5))));
});

function pick(event: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(event).filter(([key, value]) => keys.includes(key) && value !== undefined));
}
