/**
 * Documents nested 10,000 deep, on every way into the daemon that takes one: refused with
 * InvalidParams (or, for config text, a diagnostic) before anything recursive sees them, and the
 * daemon answers on.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_JSON_DEPTH } from '../../../shared/json-depth';
import { ErrorCode, PROTOCOL_VERSION } from '../../../shared/protocol';
import type { RunningDaemon } from '../../../daemon/server/start-daemon';
import { RawSocket, startTestDaemon } from './harness';

/** JSON text only: JSON.stringify itself overflows on such a value. */
const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
const tooDeep = (path: string) => `${path}.a.a.a… is nested more than ${MAX_JSON_DEPTH} levels deep; no request needs that many, so remove the extra nesting`;

describe('nesting 10,000 deep', () => {
  let daemon: RunningDaemon;
  let raw: RawSocket;
  before(async () => {
    daemon = await startTestDaemon();
    raw = await RawSocket.open(daemon);
    raw.send({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { client: 'test', protocolVersion: PROTOCOL_VERSION } });
    await raw.reply(0);
  });
  after(async () => {
    raw.close();
    await daemon.stop();
  });

  const request = async (id: number, method: string, params: string) => {
    raw.send(`{"jsonrpc":"2.0","id":${id},"method":"${method}","params":${params}}`);
    return raw.reply(id);
  };

  test('runs.create and runs.createExternal get InvalidParams naming where', async () => {
    const created = await request(1, 'runs.create', `{"config":${deep},"start":false}`);
    assert.deepEqual(created.error, { code: ErrorCode.InvalidParams, message: tooDeep('params.config') });
    const external = await request(2, 'runs.createExternal', `{"name":"deep","domains":["a"],"mixture":${deep}}`);
    assert.deepEqual(external.error, { code: ErrorCode.InvalidParams, message: tooDeep('params.mixture') });
  });

  test('config.validate answers with one diagnostic at the level past the limit', async () => {
    const { result } = await request(3, 'config.validate', JSON.stringify({ text: deep }));
    assert.equal(result.diagnostics.length, 1);
    assert.match(result.diagnostics[0].message, new RegExp(`^the config nests more than ${MAX_JSON_DEPTH} levels deep here; `));
    assert.deepEqual(result.diagnostics[0].range.start, { line: 0, character: 5 * MAX_JSON_DEPTH });
  });

  test('an HTTP body gets 400 with InvalidParams', async () => {
    const response = await fetch(`${daemon.httpUrl}/v1/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${daemon.token}`, 'content-type': 'application/json' },
      body: `{"name":"deep","domains":["a"],"mixture":${deep}}`,
    });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { error: { code: ErrorCode.InvalidParams, message: tooDeep('body.mixture') } });
  });

  test('the connection still answers', async () => {
    assert.ok(Array.isArray((await request(4, 'runs.list', '{}')).result.runs));
  });
});
