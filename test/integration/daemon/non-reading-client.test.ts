/**
 * A client that never reads and keeps asking for large histories (issue #15), against the daemon
 * as users run it (the built CLI, in its own process): its memory stays bounded, another client
 * is answered while the hog is attached, SIGTERM still stops it, and the hog is disconnected with
 * a close code and a reason. The figures (RSS, the other client's latency, SIGTERM to exit) are
 * printed as diagnostics; the assertions are about what happens, not how fast.
 */
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloseCode } from '../../../shared/client/close-codes';
import { MAX_HISTORY_POINTS, MAX_REQUESTS_IN_FLIGHT, PROTOCOL_VERSION } from '../../../shared/protocol';
import { syntheticRunDir } from '../report/run-fixtures';
import { freshDataDir, launchBuiltDaemon, waitFor, type DaemonProcess } from './harness';
import { StalledClient } from './stalled-client';

const MiB = 1024 * 1024;
/** The bound for the daemon while the hog is attached. */
const RSS_BOUND = 300 * MiB;
const SEND_QUEUE_MIB = 1;

describe('a client that never reads and asks for large histories', () => {
  let dataDir: string;
  let runId: string;
  let daemon: DaemonProcess;

  before(async () => {
    dataDir = freshDataDir();
    // 10,000 steps × 22 domains: one full-resolution answer is about 12 MB of JSON.
    runId = syntheticRunDir(dataDir, 'long', { steps: 10_000, domains: 22 }).split('/').pop()!;
    daemon = await launchBuiltDaemon(dataDir, ['--send-queue-mib', String(SEND_QUEUE_MIB)]);
  });
  after(() => daemon.client.close());

  /** A hog that has said hello as `name` and stopped reading. */
  async function stalledHog(name: string): Promise<StalledClient> {
    const clientsBefore = (await daemon.client.request('daemon.status', {})).clients;
    const hog = await StalledClient.open(daemon.info.port, daemon.token);
    hog.send({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { client: name, protocolVersion: PROTOCOL_VERSION } });
    await waitFor(async () => (await daemon.client.request('daemon.status', {})).clients > clientsBefore, 'the hog to attach');
    hog.stopReading();
    return hog;
  }

  const askForHistories = (hog: StalledClient, count: number) => {
    for (let id = 1; id <= count; id++) hog.send({ jsonrpc: '2.0', id, method: 'runs.history', params: { runId, maxPoints: MAX_HISTORY_POINTS } });
  };

  /** The other client's daemon.status, at least `count` times and until `done`: every answer's latency and the daemon's RSS in it. */
  async function watch(count: number, done: () => boolean = () => true) {
    const samples: { ms: number; rss: number; clients: number }[] = [];
    while (samples.length < count || !done()) {
      const started = performance.now();
      const status = await daemon.client.request('daemon.status', {});
      samples.push({ ms: performance.now() - started, rss: status.rssBytes, clients: status.clients });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return samples;
  }

  function report(t: TestContext, what: string, samples: { ms: number; rss: number }[]): void {
    const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
    const rss = Math.max(...samples.map((s) => s.rss));
    t.diagnostic(`${what}: daemon RSS at most ${(rss / MiB).toFixed(0)} MiB over ${samples.length} daemon.status answers to the other client, latency p50 ${ms[ms.length >> 1].toFixed(0)} ms, max ${ms[ms.length - 1].toFixed(0)} ms`);
  }

  const daemonLog = () => readFileSync(join(dataDir, 'daemon.log'), 'utf8');

  test('2,000 requests: the hog is disconnected with a reason; memory stays bounded and the other client is answered', async (t) => {
    const hog = await stalledHog('hog-2000');
    askForHistories(hog, 2_000);
    const samples = await watch(10, () => daemonLog().includes('closing connection of hog-2000'));
    report(t, '2,000 requests', samples);
    assert.ok(samples.every((s) => s.rss < RSS_BOUND), `RSS above ${RSS_BOUND / MiB} MiB: ${samples.map((s) => (s.rss / MiB).toFixed(0))}`);
    // Read now, within the grace a closed client has: what was on its way, then the close frame.
    assert.deepEqual(await hog.closeFrame(), {
      code: CloseCode.TooManyRequestsInFlight,
      reason: `more than ${MAX_REQUESTS_IN_FLIGHT} requests waited for answers; wait for answers before sending more`,
    });
  });

  test('answers that are not streamed: the hog is disconnected once more than --send-queue-mib wait for it', async () => {
    const hog = await stalledHog('hog-schedules');
    // Each is the run's per-step mixture, about 4 MB: the second waits behind the first, unread.
    for (let id = 1; id <= 3; id++) hog.send({ jsonrpc: '2.0', id, method: 'runs.exportMixture', params: { runId, kind: 'schedule' } });
    await waitFor(() => daemonLog().includes('closing connection of hog-schedules'), 'the hog to be closed');
    assert.deepEqual(await hog.closeFrame(), {
      code: CloseCode.SendQueueOverflow,
      reason: `more than ${SEND_QUEUE_MIB} MiB waited for this client to read; reconnect and resubscribe from the last seq`,
    });
  });

  test('just under the bound, the hog stays attached: memory stays bounded, the other client is answered, SIGTERM stops the daemon', async (t) => {
    const hog = await stalledHog('hog-63');
    askForHistories(hog, MAX_REQUESTS_IN_FLIGHT - 1);
    // It stays under every bound, so it is never dropped: each answer says it is still attached.
    const samples = await watch(30);
    report(t, `${MAX_REQUESTS_IN_FLIGHT - 1} requests`, samples);
    assert.ok(samples.every((s) => s.clients === 2), 'answered while the hog was attached');
    assert.ok(samples.every((s) => s.rss < RSS_BOUND), `RSS above ${RSS_BOUND / MiB} MiB: ${samples.map((s) => (s.rss / MiB).toFixed(0))}`);

    const signalled = performance.now();
    daemon.child.kill('SIGTERM');
    await waitFor(() => daemon.child.exitCode !== null, 'the daemon to exit after SIGTERM');
    t.diagnostic(`SIGTERM to exit with the hog attached: ${(performance.now() - signalled).toFixed(0)} ms`);
    assert.equal(daemon.child.exitCode, 0);
    assert.match(daemonLog(), /closing connection of hog-63: the daemon is shutting down/);
    hog.destroy();
  });
});
