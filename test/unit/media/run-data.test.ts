import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunData, STEP_ROWS, X_COLUMNS } from '../../../media/charts/run-data';
import { weightHeatmap } from '../../../media/charts/weight-heatmap';
import { curveSeries } from '../../../media/charts/curve-series';
import { historyOf, syntheticRunEvents } from '../../browser/support/synthetic-run';
import type { RunEvent } from '../../../shared/run-events';

const events = [...syntheticRunEvents({ runId: 'r', domains: 4, steps: 1_000 })];

test('streamed events fill steps, evals, fits and logs', () => {
  const run = new RunData('r');
  for (const event of events) run.applyEvent(event);
  assert.deepEqual(run.domains.length, 4);
  assert.equal(run.steps?.rows, 1_000);
  assert.equal(run.evals?.rows, 10);
  assert.equal(run.fits.length, 4);
  assert.equal(run.logs.length, 1);
  assert.equal(run.state, 'running');
  assert.equal(run.lastSeq, events[events.length - 1].seq);
});

test('a backfill joined by an overlapping subscription has each step once', () => {
  const covered = events.findIndex((e) => e.type === 'step' && e.step === 600);
  const run = new RunData('r');
  // The history reaches step 700, the subscription replays from step 600's seq.
  run.applyHistory(historyOf(events.filter((e) => !(e.type === 'step' && e.step > 700)), 100), events[covered].seq);
  for (const event of events.slice(covered + 1)) run.applyEvent(event);
  const steps = run.steps?.column(X_COLUMNS.step) ?? new Float64Array();
  for (let i = 1; i < steps.length; i++) assert.ok(steps[i] > steps[i - 1], 'steps strictly increase');
  // The live tail joins the backfill's 10-step buckets, so the last row is a bucket mean.
  assert.ok((run.steps?.last(X_COLUMNS.step) ?? 0) > 990);
  assert.equal(run.fits.length, 4, 'no fit counted twice');
});

test('events at or below the last seq are ignored', () => {
  const run = new RunData('r');
  for (const event of events.slice(0, 50)) run.applyEvent(event);
  const revision = run.revision;
  assert.equal(run.applyEvent(events[10]), false);
  assert.equal(run.revision, revision);
});

test('a resume re-announcing meta rewinds to the checkpoint step', () => {
  const run = new RunData('r');
  const upTo = (step: number) => events.filter((e) => !('step' in e) || e.step <= step);
  for (const event of upTo(300)) run.applyEvent(event);
  let seq = run.lastSeq;
  const meta = events.find((e) => e.type === 'meta') as RunEvent;
  run.applyEvent({ ...meta, seq: ++seq });
  const replayed = events.filter((e) => e.type === 'step' && e.step > 250 && e.step <= 260);
  for (const event of replayed) run.applyEvent({ ...event, seq: ++seq });
  assert.equal(run.steps?.last(X_COLUMNS.step), 260);
});

test('a 60,000-step stream stays within the table capacity', () => {
  const run = new RunData('long');
  for (const event of syntheticRunEvents({ runId: 'long', domains: 3, steps: 60_000, evalInterval: 1_000, fitInterval: 5_000 })) run.applyEvent(event);
  assert.ok((run.steps?.rows ?? 0) <= STEP_ROWS);
  assert.equal(run.steps?.last(X_COLUMNS.step) !== undefined, true);
});

test('heatmap cells: one per domain and column, tiling the x range', () => {
  const run = new RunData('r');
  for (const event of events) run.applyEvent(event);
  const heatmap = weightHeatmap(run, 'step', 50);
  assert.equal(heatmap.cells.length, 4 * 50);
  assert.equal(heatmap.columns, 50);
  assert.deepEqual([...new Set(heatmap.cells.map((c) => c.y))], run.domains, 'row by row, in domain order');
  const firstRow = heatmap.cells.filter((c) => c.y === run.domains[0]);
  const covered = firstRow.reduce((sum, c) => sum + c.width, 0);
  const span = firstRow[firstRow.length - 1].x + firstRow[firstRow.length - 1].width / 2 - (firstRow[0].x - firstRow[0].width / 2);
  assert.ok(Math.abs(covered - span) < 1e-9, 'no gaps or overlaps');
  assert.ok(heatmap.maxWeight > 0 && heatmap.maxWeight <= 1);
});

test('curve series: aggregates plus one per domain and run', () => {
  const a = new RunData('a');
  const b = new RunData('b');
  for (const event of events) {
    a.applyEvent(event);
    b.applyEvent(event);
  }
  assert.equal(curveSeries([a, b], 'training').length, 2 * (1 + 4));
  assert.equal(curveSeries([a], 'validation').length, 2 + 4);
});
