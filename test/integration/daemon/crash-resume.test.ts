/**
 * kill -9 of a real daemon process (dist/ado.js daemon) while the real trainer (dist/train-worker.js)
 * trains the tiny fixture config; then a restart and runs.resume. The run must come back
 * "interrupted", continue from its last checkpoint, and keep its event seq numbers gapless and
 * never reused; the resumed loss curve picks up where the checkpoint left it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { MAX_HISTORY_POINTS } from '../../../shared/protocol';
import type { RunEvent, StepEvent } from '../../../shared/run-events';
import { builtCli, freshDataDir, launchBuiltDaemon as launch, waitFor } from './harness';

const fixtures = join(__dirname, 'fixtures');

function tinyConfig() {
  const config = parse(readFileSync(join(fixtures, 'tiny.ado.json'), 'utf8'));
  for (const domain of config.data.domains) domain.path = join(fixtures, domain.path);
  config.training.steps = 400;
  return config;
}

test('kill -9 mid-training, restart, resume: seq continues, training continues from the checkpoint', { skip: existsSync(builtCli) ? false : `skipped: ${builtCli} is missing (run npm run build)` }, async () => {
  const dataDir = freshDataDir();
  let daemon = await launch(dataDir, ['--data-root', fixtures]);
  const { run } = await daemon.client.request('runs.create', { config: tinyConfig() });
  const before: RunEvent[] = [];
  await daemon.client.subscribe(run.id, (event) => before.push(event));
  // Past the first checkpoint (step 19) and a few steps more, so the crash loses some steps.
  await waitFor(() => before.some((e) => e.type === 'step' && e.step >= 25), 'training past the first checkpoint', 90_000);
  daemon.child.kill('SIGKILL');
  await new Promise((resolve) => daemon.child.once('exit', resolve));
  daemon.client.close();

  daemon = await launch(dataDir, ['--data-root', fixtures]);
  const afterRestart = (await daemon.client.request('runs.get', { runId: run.id })).run;
  assert.equal(afterRestart.state, 'interrupted');
  const seqBeforeResume = afterRestart.lastSeq;
  assert.ok(seqBeforeResume >= before.at(-1)!.seq, 'every event sent before the kill was persisted');

  const all: RunEvent[] = [];
  await daemon.client.subscribe(run.id, (event) => all.push(event));
  await daemon.client.request('runs.resume', { runId: run.id });
  const lastCheckpoint = Math.max(...all.flatMap((e) => (e.seq <= seqBeforeResume && e.type === 'checkpoint' ? [e.step] : [])));
  await waitFor(() => all.some((e) => e.seq > seqBeforeResume && e.type === 'step' && e.step >= lastCheckpoint + 15), 'training after the resume', 90_000);
  await daemon.client.request('runs.stop', { runId: run.id });
  await waitFor(() => all.some((e) => e.type === 'state' && e.state === 'stopped'), 'the stopped state to stream in');

  assert.deepEqual(all.map((e) => e.seq), all.map((_, i) => i + 1), 'seq numbers from 1, gapless, none reused');
  const states = all.filter((e) => e.type === 'state').map((e) => (e.type === 'state' ? e.state : ''));
  assert.deepEqual(states.slice(-4), ['interrupted', 'queued', 'running', 'stopped']);

  const steps = (from: number, to: number) => all.filter((e): e is RunEvent & StepEvent => e.type === 'step' && e.seq > from && e.seq <= to);
  const original = steps(0, seqBeforeResume);
  const resumed = steps(seqBeforeResume, Infinity);
  assert.equal(resumed[0].step, lastCheckpoint + 1, 'the resumed run starts right after its last checkpoint');
  // The same data order, weights and parameters: the repeated steps retrace the original curve.
  for (const event of resumed.filter((e) => e.step <= original.at(-1)!.step)) {
    const first = original.find((e) => e.step === event.step)!;
    assert.ok(Math.abs(first.loss! - event.loss!) < 0.05 * first.loss!, `step ${event.step}: loss ${event.loss} vs ${first.loss} before the crash`);
  }
  const history = await daemon.client.request('runs.history', { runId: run.id, maxPoints: MAX_HISTORY_POINTS });
  const lastStep = resumed.at(-1)!.step;
  assert.deepEqual(history.steps.step, Array.from({ length: lastStep + 1 }, (_, i) => i), 'one point per step; the resumed timeline wins');

  await daemon.client.request('daemon.shutdown', {});
  await new Promise((resolve) => daemon.child.once('exit', resolve));
  daemon.client.close();
});
