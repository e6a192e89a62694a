/**
 * The messages the extension shows when a daemon refuses it, checked against real refusals from a
 * real daemon: a wrong token, an untrusted TLS certificate, a protocol version it does not speak.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunningDaemon } from '../../../daemon/server/start-daemon';
import { describeConnectionFailure } from '../../../extension/daemon/failure-messages';
import { PROTOCOL_VERSION } from '../../../shared/protocol';
import { connect, RawSocket, startTestDaemon } from '../daemon/harness';
import { tempDir } from '../../helpers/temp-dir';

const refusal = (promise: Promise<unknown>) => promise.then(() => assert.fail('the daemon accepted the connection'), (error: unknown) => error);

describe('connection failure messages', () => {
  let daemon: RunningDaemon;
  before(async () => (daemon = await startTestDaemon()));
  after(() => daemon.stop());

  it('a rejected token says so and where a remote daemon\'s token comes from', async () => {
    const failure = describeConnectionFailure(await refusal(connect(daemon, { token: 'wrong' })), { kind: 'remote', url: daemon.url });
    assert.equal(failure.kind, 'auth');
    assert.match(failure.message, /rejected the token\. Attach again with the token from the daemon's <data dir>\/token file/);
  });

  it('a protocol version the daemon does not speak names both versions', async () => {
    const socket = await RawSocket.open(daemon);
    socket.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { client: 'test', protocolVersion: PROTOCOL_VERSION + 1 } });
    const { error } = await socket.next();
    socket.socket.close();
    const failure = describeConnectionFailure(new Error(`the daemon refused the connection: ${error.message}`), { kind: 'remote', url: daemon.url });
    assert.equal(failure.kind, 'protocol');
    assert.match(failure.message, new RegExp(`cannot work with the remote daemon at .*: protocol version ${PROTOCOL_VERSION + 1} is not supported; .* speaks version ${PROTOCOL_VERSION}`));
  });

  it('an unreachable daemon is reported with the address tried', async () => {
    const url = daemon.url.replace(/:\d+$/, ':1');
    const failure = describeConnectionFailure(await refusal(connect(daemon, { url })), { kind: 'local', url });
    assert.equal(failure.kind, 'unreachable');
    assert.match(failure.message, /cannot connect to the local daemon at ws:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
  });
});

const openssl = spawnSync('openssl', ['version']).status === 0;

describe('connection failure messages over TLS', { skip: openssl ? false : 'skipped: openssl not found (needed to make a self-signed certificate)' }, () => {
  let daemon: RunningDaemon;
  before(async () => {
    const dir = tempDir('ado-extension-tls-');
    const made = spawnSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ]);
    assert.equal(made.status, 0, made.stderr.toString());
    daemon = await startTestDaemon({ tls: { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) } });
  });
  after(() => daemon.stop());

  it('an untrusted certificate points at ado.remote.caFile', async () => {
    const failure = describeConnectionFailure(await refusal(connect(daemon)), { kind: 'remote', url: daemon.url });
    assert.equal(failure.kind, 'tls');
    assert.match(failure.message, /TLS handshake with the remote daemon at wss:\/\/.* failed \(.*self[- ]signed certificate.*\)\. For a self-signed certificate, set "ado\.remote\.caFile"/);
  });
});
