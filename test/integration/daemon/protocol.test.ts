/**
 * Every protocol method, round-tripped through a real daemon on a real port with the typed client.
 * Training uses the stand-in worker (fixtures/stand-in-worker.ts); the real trainer is exercised by
 * crash-resume.test.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { DaemonRequestError, type DaemonClient } from '../../../shared/client/daemon-client';
import { ErrorCode, PROTOCOL_VERSION, type RunSummary } from '../../../shared/protocol';
import type { RunEvent } from '../../../shared/run-events';
import type { RunningDaemon } from '../../../daemon/server/start-daemon';
import { RawSocket, connect, startTestDaemon, waitFor } from './harness';

const fixtures = join(__dirname, 'fixtures');
const tinyConfigText = readFileSync(join(fixtures, 'tiny.ado.json'), 'utf8');
/** The tiny config with its data paths made absolute (what `ado submit` sends). */
function tinyConfig(overrides: { steps?: number; name?: string } = {}) {
  const config = parse(tinyConfigText);
  for (const domain of config.data.domains) domain.path = join(fixtures, domain.path);
  if (overrides.steps) config.training.steps = overrides.steps;
  if (overrides.name) config.name = overrides.name;
  return config;
}

/** ADO refitting every other step from step 2, with the fast fit: fit events within a few observations. */
const QUICK_ADO = { startStep: 2, ignoreSteps: 0, updateInterval: 2, savgolWindow: 3, savgolOrder: 1, subsample: 1, fit: { starts: 'fast' } };

async function expectError(promise: Promise<unknown>, code: number): Promise<DaemonRequestError> {
  const error = await promise.then(
    () => assert.fail(`expected error ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DaemonRequestError, String(error));
  assert.equal(error.code, code, error.message);
  return error;
}

describe('protocol round trips', () => {
  let daemon: RunningDaemon;
  let client: DaemonClient;
  const changes: RunSummary[] = [];

  before(async () => {
    daemon = await startTestDaemon({ dataRoots: [fixtures] });
    client = await connect(daemon);
    client.onNotification('runs.changed', ({ run }) => changes.push(run));
  });
  after(async () => {
    client.close();
    await daemon.stop();
  });

  test('initialize announces version, capabilities and backend', () => {
    assert.equal(client.info.protocolVersion, PROTOCOL_VERSION);
    assert.ok(client.info.capabilities.includes('external-scheduler'));
    assert.equal(client.info.backend.detail, 'stand-in trainer');
  });

  test('initialize with another protocol version is refused; requests before initialize are too', async () => {
    const raw = await RawSocket.open(daemon);
    raw.send({ jsonrpc: '2.0', id: 1, method: 'runs.list', params: {} });
    assert.equal((await raw.reply(1)).error.code, ErrorCode.NotInitialized);
    raw.send({ jsonrpc: '2.0', id: 2, method: 'initialize', params: { client: 'old', protocolVersion: PROTOCOL_VERSION + 1 } });
    const reply = await raw.reply(2);
    assert.equal(reply.error.code, ErrorCode.ProtocolVersionMismatch);
    assert.equal(reply.error.data.protocolVersion, PROTOCOL_VERSION);
    raw.close();
  });

  test('config.validate returns diagnostics with positions', async () => {
    const { diagnostics } = await client.request('config.validate', { text: '{ "version": 1, "name": "x", "data": {}, "bogus": 1 }' });
    assert.ok(diagnostics.some((d) => d.code === 'unknown-key' && d.range.start.character > 0));
  });

  test('runs.create rejects an invalid config with every diagnostic in error.data', async () => {
    const bad = { ...tinyConfig(), model: { layers: 0, heads: 3, dModel: 16 } };
    const error = await expectError(client.request('runs.create', { config: bad }), ErrorCode.InvalidConfig);
    const { diagnostics } = error.data as { diagnostics: { path: string }[] };
    assert.ok(diagnostics.length >= 1);
    assert.ok(diagnostics.some((d) => d.path.startsWith('model')));
  });

  test('create (not started), get, start, subscribe to completion, history, list', async () => {
    const { run } = await client.request('runs.create', { config: tinyConfig({ steps: 30 }), start: false });
    assert.equal(run.state, 'created');
    const got = await client.request('runs.get', { runId: run.id });
    assert.equal((got.config as { name: string }).name, 'tiny');

    const events: RunEvent[] = [];
    await client.subscribe(run.id, (event) => events.push(event));
    // Queued, and with a free slot already running by the time the reply is written.
    assert.match((await client.request('runs.start', { runId: run.id })).run.state, /^(queued|running)$/);
    await waitFor(() => events.some((e) => e.type === 'state' && e.state === 'completed'), 'the run to complete');
    assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i + 1), 'seq from 1 without gaps');
    assert.deepEqual(events.filter((e) => e.type === 'state').map((e) => e.type === 'state' && e.state), ['created', 'queued', 'running', 'completed']);

    const history = await client.request('runs.history', { runId: run.id, maxPoints: 10 });
    assert.equal(history.steps.step.length, 10);
    assert.equal(history.steps.weights.length, 3);
    assert.equal(history.evals.length, 3);
    assert.equal(history.meta?.type, 'meta');
    const ranged = await client.request('runs.history', { runId: run.id, fromStep: 10, toStep: 19 });
    assert.deepEqual(ranged.steps.step, [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);

    const { runs } = await client.request('runs.list', {});
    const listed = runs.find((r) => r.id === run.id)!;
    assert.equal(listed.state, 'completed');
    assert.equal(listed.step, 29);
    assert.equal(listed.totalSteps, 30);
    assert.ok(changes.some((c) => c.id === run.id && c.state === 'completed'), 'runs.changed reached the client');
  });

  test('pause checkpoints, resume continues from the checkpoint, stop is final, delete removes', async () => {
    process.env.ADO_STAND_IN_STEP_MS = '20';
    const { run } = await client.request('runs.create', { config: tinyConfig({ steps: 100_000, name: 'long' }) });
    await waitFor(async () => (await client.request('runs.get', { runId: run.id })).run.step > 3, 'some steps');
    const paused = await client.request('runs.pause', { runId: run.id });
    assert.equal(paused.run.state, 'paused');
    await expectError(client.request('runs.pause', { runId: run.id }), ErrorCode.InvalidRunState);
    const pausedAt = paused.run.step;
    assert.match((await client.request('runs.resume', { runId: run.id })).run.state, /^(queued|running)$/);
    await waitFor(async () => (await client.request('runs.get', { runId: run.id })).run.step > pausedAt + 2, 'steps after the resume');
    assert.equal((await client.request('runs.stop', { runId: run.id })).run.state, 'stopped');
    await expectError(client.request('runs.resume', { runId: run.id }), ErrorCode.InvalidRunState);
    assert.deepEqual(await client.request('runs.delete', { runId: run.id }), { runId: run.id });
    await expectError(client.request('runs.get', { runId: run.id }), ErrorCode.RunNotFound);
    delete process.env.ADO_STAND_IN_STEP_MS;
  });

  test('external runs: createExternal, observe, weights, bad feedback, unsubscribe', async () => {
    const { run } = await client.request('runs.createExternal', { name: 'ext', domains: ['a', 'b', 'c'], prior: [2, 1, 1], mixture: { ado: QUICK_ADO } });
    assert.equal(run.kind, 'external');
    assert.equal(run.state, 'running');
    const before = await client.request('scheduler.weights', { runId: run.id });
    assert.deepEqual(before, { weights: [0.5, 0.25, 0.25], step: -1 });
    const events: RunEvent[] = [];
    await client.subscribe(run.id, (event) => events.push(event));
    for (let step = 0; step < 5; step++) {
      const { weights } = await client.request('scheduler.observe', { runId: run.id, step, counts: [2, 1, 1], losses: [3, 2, 1] });
      assert.equal(weights.length, 3);
    }
    await waitFor(() => events.some((e) => e.type === 'fit'), 'a fit event');
    assert.equal(events.filter((e) => e.type === 'step').length, 5);

    const bad: [object, RegExp][] = [
      [{ step: 5, counts: [1, 1], losses: [1, 1] }, /3 domains/],
      [{ step: 5, counts: [1, -1, 1], losses: [1, 1, 1] }, /counts\[1\]/],
      [{ step: 5, counts: [1, 1, 1], losses: [1, null, 1] }, /null loss/],
      [{ step: 4, counts: [1, 1, 1], losses: [1, 1, 1] }, /steps must increase/],
    ];
    for (const [observation, reason] of bad) {
      const error = await expectError(client.request('scheduler.observe', { runId: run.id, ...observation } as never), ErrorCode.InvalidFeedback);
      assert.match(error.message, reason);
    }
    // JSON has no Infinity, but 1e999 parses to it; only a hand-written frame can carry it.
    const raw = await RawSocket.open(daemon);
    raw.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { client: 'raw', protocolVersion: PROTOCOL_VERSION } });
    await raw.reply(1);
    raw.send(`{"jsonrpc":"2.0","id":2,"method":"scheduler.observe","params":{"runId":"${run.id}","step":5,"counts":[1,1,1],"losses":[1,1e999,1]}}`);
    const infinite = await raw.reply(2);
    assert.equal(infinite.error.code, ErrorCode.InvalidFeedback);
    assert.match(infinite.error.message, /finite/);
    raw.close();
    await expectError(client.request('runs.pause', { runId: run.id }), ErrorCode.InvalidRunState);
    assert.deepEqual(await client.request('runs.unsubscribe', { runId: run.id }), {});
    assert.equal((await client.request('runs.stop', { runId: run.id })).run.state, 'stopped');
    await expectError(client.request('scheduler.observe', { runId: run.id, step: 9, counts: [1, 1, 1], losses: [1, 1, 1] }), ErrorCode.InvalidRunState);
  });

  test('daemon.status reports the daemon', async () => {
    const status = await client.request('daemon.status', {});
    assert.equal(status.pid, process.pid);
    assert.equal(status.dataDir, daemon.dataDir);
    assert.ok(status.clients >= 1);
    assert.ok(status.rssBytes > 0);
    assert.equal(status.concurrency, 1);
  });

  test('unknown methods, wrong param types and unknown runs get error replies', async () => {
    await expectError(client.request('runs.get' as never, { runId: 42 } as never), ErrorCode.InvalidParams);
    await expectError(client.request('runs.get', { runId: 'nope' }), ErrorCode.RunNotFound);
    await expectError(client.request('no.such.method' as never, {} as never), ErrorCode.MethodNotFound);
  });
});

test('daemon.shutdown replies, then the daemon stops', async () => {
  const daemon = await startTestDaemon();
  const client = await connect(daemon, { reconnect: false });
  assert.deepEqual(await client.request('daemon.shutdown', {}), {});
  await daemon.stopped;
  client.close();
});

test('daemon.shutdown whenUnusedForMs waits for a grace without clients; a client attaching meanwhile keeps it running', async () => {
  const daemon = await startTestDaemon();
  let stopped = false;
  void daemon.stopped.then(() => (stopped = true));
  const owner = await connect(daemon, { reconnect: false });
  assert.deepEqual(await owner.request('daemon.shutdown', { whenUnusedForMs: 300 }), {});
  owner.close();
  // A reloaded window attaching within the grace.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const next = await connect(daemon, { reconnect: false });
  await new Promise((resolve) => setTimeout(resolve, 600));
  assert.equal(stopped, false, 'stopped while a client was attached');
  assert.equal((await next.request('daemon.status', {})).clients, 1);
  next.close();
  await daemon.stopped;
});

test('a graceful shutdown checkpoints running trainings; after a restart they are interrupted and resume', async () => {
  process.env.ADO_STAND_IN_STEP_MS = '20';
  const first = await startTestDaemon({ dataRoots: [fixtures] });
  let client = await connect(first, { reconnect: false });
  const { run } = await client.request('runs.create', { config: tinyConfig({ steps: 100_000, name: 'shutdown' }) });
  await waitFor(async () => (await client.request('runs.get', { runId: run.id })).run.step > 3, 'some steps');
  client.close();
  await first.stop();

  const second = await startTestDaemon({ dataDir: first.dataDir, port: 0, dataRoots: [fixtures] });
  client = await connect(second);
  const interrupted = (await client.request('runs.get', { runId: run.id })).run;
  assert.equal(interrupted.state, 'interrupted');
  assert.match(interrupted.message ?? '', /daemon shut down; checkpointed at step \d+/);
  await client.request('runs.resume', { runId: run.id });
  await waitFor(async () => (await client.request('runs.get', { runId: run.id })).run.step > interrupted.step + 2, 'steps after the resume');
  await client.request('runs.stop', { runId: run.id });
  client.close();
  await second.stop();
  delete process.env.ADO_STAND_IN_STEP_MS;
});
