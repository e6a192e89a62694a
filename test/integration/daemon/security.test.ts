/**
 * What a local daemon must refuse or survive: no token, a wrong token, a web origin, oversized
 * frames, floods, clients that never read; TLS when asked for, and a bind beyond loopback only with
 * TLS or --insecure.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CloseCode } from '../../../shared/client/close-codes';
import { DaemonConnectionError, type DaemonClient } from '../../../shared/client/daemon-client';
import { ErrorCode, PROTOCOL_VERSION } from '../../../shared/protocol';
import type { RunningDaemon } from '../../../daemon/server/start-daemon';
import { RawSocket, builtCli, connect, freshDataDir, launchBuiltDaemon, startTestDaemon, waitFor } from './harness';
import { StalledClient } from './stalled-client';
import { tempDir } from '../../helpers/temp-dir';

const initialize = (id: number) => ({ jsonrpc: '2.0', id, method: 'initialize', params: { client: 'test', protocolVersion: PROTOCOL_VERSION } });

function upgradeStatus(daemon: RunningDaemon, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(daemon.url, { headers });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      resolve(101);
      socket.close();
    });
    socket.once('error', reject);
  });
}

function closeCode(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

describe('authentication and origin', () => {
  let daemon: RunningDaemon;
  before(async () => (daemon = await startTestDaemon({ allowedOrigins: ['https://code.example.com'] })));
  after(() => daemon.stop());

  test('the token file is created with mode 0600', () => {
    assert.equal(statSync(daemon.tokenFile).mode & 0o777, 0o600);
    assert.equal(readFileSync(daemon.tokenFile, 'utf8').trim(), daemon.token);
  });

  test('an upgrade without a token, or with a wrong one, is refused with 401', async () => {
    assert.equal(await upgradeStatus(daemon, {}), 401);
    assert.equal(await upgradeStatus(daemon, { Authorization: `Bearer ${daemon.token}x` }), 401);
    assert.equal(await upgradeStatus(daemon, { Authorization: daemon.token }), 401);
    await assert.rejects(connect(daemon, { token: 'wrong' }), (error: DaemonConnectionError) => error.fatal && /401/.test(error.message));
  });

  test('web origins are refused; editor origins and --allow-origin ones are accepted', async () => {
    const auth = { Authorization: `Bearer ${daemon.token}` };
    assert.equal(await upgradeStatus(daemon, { ...auth, Origin: 'https://evil.example' }), 403);
    assert.equal(await upgradeStatus(daemon, { ...auth, Origin: 'http://127.0.0.1:8080' }), 403);
    assert.equal(await upgradeStatus(daemon, { ...auth, Origin: 'vscode-webview://abc123' }), 101);
    assert.equal(await upgradeStatus(daemon, { ...auth, Origin: 'https://code.example.com' }), 101);
    assert.equal(await upgradeStatus(daemon, auth), 101);
  });

  test('the HTTP API wants the token too, and JSON bodies', async () => {
    const url = `${daemon.httpUrl}/v1/runs`;
    assert.equal((await fetch(url, { method: 'POST' })).status, 401);
    const authorization = `Bearer ${daemon.token}`;
    const plain = await fetch(url, { method: 'POST', headers: { authorization, 'content-type': 'text/plain' }, body: '{}' });
    assert.equal(plain.status, 400);
    const web = await fetch(url, { method: 'POST', headers: { authorization, 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' });
    assert.equal(web.status, 403);
  });
});

describe('limits', () => {
  let daemon: RunningDaemon;
  before(async () => {
    daemon = await startTestDaemon({
      limits: { maxPayloadBytes: 64 * 1024, rate: { perSecond: 20, burst: 20, abuseAfter: 100 }, outbox: { highWaterBytes: 64 * 1024, maxQueuedBytes: 512 * 1024 } },
    });
  });
  after(() => daemon.stop());

  test('an oversized frame closes that connection with 1009; the daemon lives on', async () => {
    const raw = await RawSocket.open(daemon);
    const closed = closeCode(raw.socket);
    raw.send('x'.repeat(65 * 1024));
    assert.equal(await closed, CloseCode.MessageTooBig);
    const client = await connect(daemon);
    assert.ok(Array.isArray((await client.request('runs.list', {})).runs));
    client.close();
  });

  test('a flood gets RateLimited replies, then a close when it goes on', async () => {
    const raw = await RawSocket.open(daemon);
    const closed = closeCode(raw.socket);
    for (let i = 0; i < 40; i++) raw.send({ jsonrpc: '2.0', id: i, method: 'daemon.status', params: {} });
    const replies = [];
    for (let i = 0; i < 40; i++) replies.push(await raw.reply(i));
    assert.ok(replies.some((r) => r.error?.code === ErrorCode.RateLimited), 'rate-limited replies carry the request id');
    for (let i = 0; i < 500; i++) raw.send({ jsonrpc: '2.0', id: 100 + i, method: 'daemon.status', params: {} });
    assert.equal(await closed, CloseCode.RateLimitAbuse);
  });

  test('a client that sends requests but never reads is closed once its queue overflows', async () => {
    const fresh = await startTestDaemon({ limits: { outbox: { highWaterBytes: 16 * 1024, maxQueuedBytes: 200 * 1024 }, rate: { perSecond: 1e6, burst: 1e6, abuseAfter: 1e6 } } });
    const client = await connect(fresh);
    const domains = Array.from({ length: 300 }, (_, k) => `a-rather-long-domain-name-${k}`);
    const { run } = await client.request('runs.createExternal', { name: 'wide', domains, mixture: { policy: 'balanced' } });
    client.close();
    const stalled = await StalledClient.open(fresh.port, fresh.token);
    stalled.send(initialize(0));
    await waitFor(() => fresh.server.clientUsage().length === 1, 'the connection');
    stalled.stopReading();
    const closed = new Promise((resolve) => stalled.socket.once('close', resolve));
    // Each reply holds the run's config (~10 KB): the kernel buffers fill, then the outbox, then it overflows.
    for (let i = 1; i <= 3000 && !stalled.socket.destroyed; i++) stalled.send({ jsonrpc: '2.0', id: i, method: 'runs.get', params: { runId: run.id } });
    await waitFor(() => fresh.server.clientUsage().length === 0, 'the overflowing client to be closed');
    stalled.destroy();
    await closed;
    await fresh.stop();
  });
});

describe('a subscriber that never reads', () => {
  let daemon: RunningDaemon;
  let client: DaemonClient;
  const highWaterBytes = 64 * 1024;
  before(async () => {
    daemon = await startTestDaemon({ limits: { outbox: { highWaterBytes, maxQueuedBytes: 1024 * 1024 } } });
    client = await connect(daemon);
  });
  after(async () => {
    client.close();
    await daemon.stop();
  });

  test('does not grow the daemon\'s buffers, and a reading subscriber still gets every event', async () => {
    const domains = Array.from({ length: 200 }, (_, k) => `domain-${k}`);
    const { run } = await client.request('runs.createExternal', { name: 'wide', domains, mixture: { policy: 'balanced' } });
    const stalled = await StalledClient.open(daemon.port, daemon.token);
    stalled.send(initialize(1));
    stalled.send({ jsonrpc: '2.0', id: 2, method: 'runs.subscribe', params: { runId: run.id, fromSeq: 0 } });
    await waitFor(() => daemon.server.clientUsage().some((u) => u.subscriptions === 1), 'the stalled subscription');
    stalled.stopReading();

    const seen: number[] = [];
    await client.subscribe(run.id, (event) => seen.push(event.seq));
    const counts = domains.map(() => 1);
    const losses = domains.map((_, k) => 2 + k / 1000);
    let largestInFlight = 0;
    let largestQueue = 0;
    // Each step event is ~10 KB: 1500 of them far exceed what the kernel buffers between the two.
    for (let step = 0; step < 1500; step++) {
      await client.request('scheduler.observe', { runId: run.id, step, counts, losses });
      for (const usage of daemon.server.clientUsage()) {
        largestInFlight = Math.max(largestInFlight, usage.inFlightBytes);
        largestQueue = Math.max(largestQueue, usage.queued);
      }
    }
    const lastSeq = (await client.request('runs.get', { runId: run.id })).run.lastSeq;
    await waitFor(() => seen.at(-1) === lastSeq, 'the reading subscriber to catch up');
    assert.deepEqual(seen, Array.from({ length: lastSeq }, (_, i) => i + 1), 'every event, once, in order');
    assert.ok(largestInFlight >= highWaterBytes, `the stalled client backed up (${largestInFlight} bytes in flight at most)`);
    const eventBytes = 20 * 1024;
    assert.ok(largestInFlight <= highWaterBytes + eventBytes, `in flight ${largestInFlight} bytes`);
    assert.ok(largestQueue <= 100, `queued ${largestQueue}`);
    assert.equal(daemon.server.clientUsage().length, 2, 'the stalled client is still connected (it lags, nothing piles up)');
    stalled.destroy();
  });
});

const openssl = spawnSync('openssl', ['version']).status === 0;

describe('TLS', { skip: openssl ? false : 'skipped: openssl not found (needed to make a self-signed certificate)' }, () => {
  let daemon: RunningDaemon;
  let cert: string;
  before(async () => {
    const dir = tempDir('ado-tls-');
    const made = spawnSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ]);
    assert.equal(made.status, 0, made.stderr.toString());
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    daemon = await startTestDaemon({ tls: { cert, key: readFileSync(join(dir, 'key.pem')) } });
  });
  after(() => daemon.stop());

  test('wss with the certificate trusted works; the HTTP API is https', async () => {
    assert.match(daemon.url, /^wss:\/\//);
    const client = await connect(daemon, { ca: cert });
    assert.ok(Array.isArray((await client.request('runs.list', {})).runs));
    client.close();
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpsRequest(`${daemon.httpUrl}/v1/runs/none`, { ca: cert, headers: { Authorization: `Bearer ${daemon.token}` } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.once('error', reject);
      request.end();
    });
    assert.equal(status, 404);
  });

  test('a client that does not trust the certificate cannot connect', async () => {
    await assert.rejects(connect(daemon), DaemonConnectionError);
  });
});

describe('binding beyond loopback', () => {
  test('--host 0.0.0.0 without TLS is refused with the reason, before anything starts', () => {
    const dataDir = freshDataDir();
    // The timeout only ends a daemon that would wrongly start and serve.
    const refused = spawnSync(process.execPath, [builtCli, 'daemon', '--host', '0.0.0.0', '--port', '0', '--data-dir', dataDir], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(refused.status, 1, refused.stderr);
    assert.match(refused.stderr, /^ado: --host 0\.0\.0\.0 is reachable from other machines, and without --tls-cert\/--tls-key the token would cross the network in clear text; .*pass --insecure/);
    assert.equal(existsSync(join(dataDir, 'daemon.json')), false);
    assert.equal(existsSync(join(dataDir, 'token')), false);
  });

  test('with --insecure it serves', async () => {
    const { child, client, info } = await launchBuiltDaemon(freshDataDir(), ['--host', '0.0.0.0', '--insecure']);
    assert.equal(info.host, '0.0.0.0');
    assert.ok(Array.isArray((await client.request('runs.list', {})).runs));
    client.close();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });
});
