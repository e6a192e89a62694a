import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { exportMixture } from '../../../daemon/mixture-export/export-mixture';
import { createRunDir } from '../../../daemon/runs/create-run-dir';
import { EventLog } from '../../../daemon/runs/event-log';
import { paths } from '../../../daemon/runs/layout';
import { parseFixedWeights, weightVector, type ScheduleFile } from '../../../shared/mixture-files';
import { tempDir } from '../../helpers/temp-dir';

function stepEvent(step: number, weights: number[]) {
  return { type: 'step' as const, step, tokens: 0, elapsedMs: 0, loss: 1, domainLosses: [1, 1], counts: [1, 1], weights };
}

function runWithSteps(): string {
  const { runId, runDir } = createRunDir({ dataDir: tempDir('ado-export-'), name: 'r', kind: 'train', policy: 'ado', config: {} });
  const log = EventLog.open(paths.events(runDir), runId);
  log.append({ type: 'meta', kind: 'train', domains: ['a', 'b'], prior: [0.5, 0.5], policy: 'ado' });
  log.append(stepEvent(0, [0.5, 0.5]));
  log.append(stepEvent(1, [0.9, 0.1]));
  log.append(stepEvent(2, [0.2, 0.8]));
  // A resume from a checkpoint at step 1 repeats step 2; the later event wins.
  log.append(stepEvent(2, [0.4, 0.6]));
  log.close();
  return runDir;
}

test('final and average exports are fixed-weights files the fixed policy can read', async () => {
  const runDir = runWithSteps();
  const final = parseFixedWeights(JSON.parse(JSON.stringify(await exportMixture(runDir, 'final'))));
  assert.deepEqual(final.weights, { a: 0.4, b: 0.6 });
  assert.deepEqual(Array.from(weightVector(final.weights, ['a', 'b'])), [0.4, 0.6]);
  const average = parseFixedWeights(await exportMixture(runDir, 'average'));
  assert.ok(Math.abs(average.weights.a - 0.6) < 1e-12 && Math.abs(average.weights.b - 0.4) < 1e-12);
});

test('the schedule export lists every step once', async () => {
  const schedule = (await exportMixture(runWithSteps(), 'schedule')) as ScheduleFile;
  assert.deepEqual(schedule.steps, [0, 1, 2]);
  assert.deepEqual(schedule.weights[2], [0.4, 0.6]);
});

test('a torn last line is ignored, a damaged line in the middle is an error naming the line', async () => {
  const runDir = runWithSteps();
  appendFileSync(paths.events(runDir), '{"type":"step","st');
  assert.deepEqual((await exportMixture(runDir, 'final') as { weights: object }).weights, { a: 0.4, b: 0.6 });
  appendFileSync(paths.events(runDir), '\n' + JSON.stringify({ ...stepEvent(3, [0.1, 0.9]), runId: 'x', seq: 6, time: 0 }) + '\n');
  await assert.rejects(exportMixture(runDir, 'final'), /events\.jsonl:6: the event log is damaged/);
});

test('fixed-weights files are checked', () => {
  assert.throws(() => parseFixedWeights({ weights: { a: 1 } }), /not a fixed-weights file/);
  assert.throws(() => parseFixedWeights({ format: 'ado-fixed-weights', version: 9, weights: {} }), /newer than this build/);
  assert.throws(() => parseFixedWeights({ format: 'ado-fixed-weights', version: 1, weights: { a: -1 } }), /weight of "a" must be a non-negative number/);
  assert.throws(() => weightVector({ c: 1 }, ['a', 'b']), /none of the domains "a", "b" has a positive weight/);
});
