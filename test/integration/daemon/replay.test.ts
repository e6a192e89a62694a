/**
 * Lossless streaming: subscribing while events are being written, and reconnecting after the
 * daemon went away, each deliver every event exactly once and in order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DaemonClient } from '../../../shared/client/daemon-client';
import type { RunEvent } from '../../../shared/run-events';
import { connect, startTestDaemon, waitFor } from './harness';

const domains = ['a', 'b', 'c'];

async function observe(client: DaemonClient, runId: string, steps: Iterable<number>): Promise<void> {
  for (const step of steps) {
    await client.request('scheduler.observe', { runId, step, counts: [1, 2, 1], losses: [3 - step / 1000, 2, 1] });
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

test('subscriptions made while events stream in see each event after fromSeq exactly once', async () => {
  const daemon = await startTestDaemon();
  const producer = await connect(daemon);
  const { run } = await producer.request('runs.createExternal', { name: 'race', domains });
  const producing = observe(producer, run.id, range(0, 600));

  const subscribers = await Promise.all([0, 0, 5, 40].map(() => connect(daemon)));
  const received: number[][] = subscribers.map(() => []);
  const fromSeqs: number[] = [];
  for (const [i, subscriber] of subscribers.entries()) {
    await waitFor(async () => (await producer.request('runs.get', { runId: run.id })).run.lastSeq > i * 100, 'more events');
    const fromSeq = i * 37;
    fromSeqs.push(fromSeq);
    await subscriber.subscribe(run.id, (event) => received[i].push(event.seq), { fromSeq });
  }
  await producing;
  const lastSeq = (await producer.request('runs.get', { runId: run.id })).run.lastSeq;
  for (const [i, seqs] of received.entries()) {
    await waitFor(() => seqs.at(-1) === lastSeq, `subscriber ${i} to catch up`);
    assert.deepEqual(seqs, range(fromSeqs[i] + 1, lastSeq + 1), `subscriber ${i}: no gap, no duplicate`);
  }
  for (const client of [producer, ...subscribers]) client.close();
  await daemon.stop();
});

test('a client reconnects after a daemon restart and resumes every subscription from its last seq', async () => {
  const first = await startTestDaemon();
  const subscriber = await connect(first, { backoff: { initialDelayMs: 50, maxDelayMs: 200 } });
  let producer = await connect(first);
  const { run } = await producer.request('runs.createExternal', { name: 'restart', domains });
  const events: RunEvent[] = [];
  const states: string[] = [];
  subscriber.onStateChange((state) => states.push(state));
  await subscriber.subscribe(run.id, (event) => events.push(event));
  await observe(producer, run.id, range(0, 100));
  producer.close();
  await first.stop();

  const second = await startTestDaemon({ dataDir: first.dataDir, port: first.port });
  producer = await connect(second);
  // The restored policy takes the next step; a repeated one is refused.
  await assert.rejects(observe(producer, run.id, [99]), /steps must increase/);
  await observe(producer, run.id, range(100, 200));
  const lastSeq = (await producer.request('runs.get', { runId: run.id })).run.lastSeq;
  await waitFor(() => events.at(-1)?.seq === lastSeq, 'the subscriber to catch up after reconnecting');
  assert.deepEqual(events.map((e) => e.seq), range(1, lastSeq + 1), 'no gap, no duplicate across the restart');
  assert.deepEqual(events.filter((e) => e.type === 'step').map((e) => e.type === 'step' && e.step), range(0, 200));
  assert.ok(states.includes('reconnecting') && states.at(-1) === 'connected', `states: ${states.join(', ')}`);
  subscriber.close();
  producer.close();
  await second.stop();
});

test('two subscriptions to one run on one client each get their own range, once', async () => {
  const daemon = await startTestDaemon();
  const client = await connect(daemon);
  const { run } = await client.request('runs.createExternal', { name: 'shared', domains });
  await observe(client, run.id, range(0, 50));
  const late: number[] = [];
  const early: number[] = [];
  const lateSubscription = await client.subscribe(run.id, (event) => late.push(event.seq), { fromSeq: 40 });
  const producing = observe(client, run.id, range(50, 150));
  await client.subscribe(run.id, (event) => early.push(event.seq), { fromSeq: 10 });
  await producing;
  const lastSeq = (await client.request('runs.get', { runId: run.id })).run.lastSeq;
  await waitFor(() => late.at(-1) === lastSeq && early.at(-1) === lastSeq, 'both subscriptions to catch up');
  assert.deepEqual(late, range(41, lastSeq + 1));
  assert.deepEqual(early, range(11, lastSeq + 1));
  lateSubscription.dispose();
  await observe(client, run.id, [150]);
  await waitFor(() => early.at(-1) === lastSeq + 1, 'the remaining subscription to keep streaming');
  assert.equal(late.at(-1), lastSeq, 'a disposed subscription hears nothing more');
  client.close();
  await daemon.stop();
});
