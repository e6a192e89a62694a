/**
 * kill -9 of a real daemon process (dist/ado.js daemon) while an external trainer observes over
 * HTTP; then a restart. The external run must come back "interrupted", and continue from its
 * persisted policy state (the same weights as before the kill) either through runs.resume or
 * through the trainer's next observation, with event seq numbers gapless and never reused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { RunEvent } from '../../../shared/run-events';
import { builtCli, freshDataDir, launchBuiltDaemon, waitFor, type DaemonProcess } from './harness';

// Refits every 10 steps from step 10, so the state the restart restores holds fitted laws.
const ado = { startStep: 10, ignoreSteps: 5, updateInterval: 10, savgolWindow: 5, savgolOrder: 2, subsample: 1, fit: { starts: 'fast' } };

async function observe(daemon: DaemonProcess, runId: string, step: number): Promise<{ status: number; body: any }> {
  const response = await fetch(`${daemon.info.url.replace(/^ws/, 'http')}/v1/runs/${encodeURIComponent(runId)}/observe`, {
    method: 'POST',
    headers: { authorization: `Bearer ${daemon.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ step, counts: [1, 2, 1], losses: [3 - step / 100, 2 + (step % 7) / 10, 1] }),
  });
  return { status: response.status, body: await response.json() };
}

async function observeSteps(daemon: DaemonProcess, runId: string, from: number, to: number): Promise<number[]> {
  let weights: number[] = [];
  for (let step = from; step < to; step++) {
    const { status, body } = await observe(daemon, runId, step);
    assert.equal(status, 200, JSON.stringify(body));
    weights = body.weights;
  }
  return weights;
}

async function killAndRestart(daemon: DaemonProcess, dataDir: string): Promise<DaemonProcess> {
  daemon.child.kill('SIGKILL');
  await new Promise((resolve) => daemon.child.once('exit', resolve));
  daemon.client.close();
  return launchBuiltDaemon(dataDir);
}

test('kill -9 while an external run observes: interrupted after the restart, then resumed by runs.resume or by the next observation', { skip: existsSync(builtCli) ? false : `skipped: ${builtCli} is missing (run npm run build)` }, async () => {
  const dataDir = freshDataDir();
  let daemon = await launchBuiltDaemon(dataDir);
  const { run } = await daemon.client.request('runs.createExternal', { name: 'external-crash', domains: ['a', 'b', 'c'], mixture: { ado } });
  const beforeKill = await observeSteps(daemon, run.id, 0, 45);

  daemon = await killAndRestart(daemon, dataDir);
  const interrupted = (await daemon.client.request('runs.get', { runId: run.id })).run;
  assert.equal(interrupted.state, 'interrupted');
  assert.match(interrupted.message ?? '', /next observation \(or runs\.resume\) continues it/);
  await assert.rejects(daemon.client.request('runs.pause', { runId: run.id }), /cannot pause run .*external run/);

  const resumed = (await daemon.client.request('runs.resume', { runId: run.id })).run;
  assert.equal(resumed.state, 'running');
  assert.deepEqual(await daemon.client.request('scheduler.weights', { runId: run.id }), { weights: beforeKill, step: 44 }, 'the policy is where it was');
  const beforeSecondKill = await observeSteps(daemon, run.id, 45, 70);

  daemon = await killAndRestart(daemon, dataDir);
  assert.equal((await daemon.client.request('runs.get', { runId: run.id })).run.state, 'interrupted');
  const repeated = await observe(daemon, run.id, 69);
  assert.equal(repeated.status, 400, 'the trainer retrying step 69 resumes the run and learns it was recorded');
  assert.match(repeated.body.error.message, /steps must increase/);
  assert.deepEqual(await daemon.client.request('scheduler.weights', { runId: run.id }), { weights: beforeSecondKill, step: 69 });
  await observeSteps(daemon, run.id, 70, 80);
  assert.equal((await daemon.client.request('runs.get', { runId: run.id })).run.state, 'running');

  const lastSeq = (await daemon.client.request('runs.get', { runId: run.id })).run.lastSeq;
  const events: RunEvent[] = [];
  await daemon.client.subscribe(run.id, (event) => events.push(event));
  await waitFor(() => events.length >= lastSeq, 'the whole log to stream in');
  assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i + 1), 'seq numbers from 1, gapless, none reused');
  const steps = events.flatMap((e) => (e.type === 'step' ? [e.step] : []));
  assert.deepEqual(steps, Array.from({ length: 80 }, (_, i) => i), 'each observation logged once, across both kills');
  const states = events.flatMap((e) => (e.type === 'state' ? [e.state] : []));
  assert.deepEqual(states, ['created', 'running', 'interrupted', 'running', 'interrupted', 'running']);

  await daemon.client.request('daemon.shutdown', {});
  await new Promise((resolve) => daemon.child.once('exit', resolve));
  daemon.client.close();
});
