/** The HTTP API for external trainers: every route, and every way a request can be refused. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode } from '../../../shared/protocol';
import type { RunningDaemon } from '../../../daemon/server/start-daemon';
import { connect, startTestDaemon } from './harness';

describe('HTTP API', () => {
  let daemon: RunningDaemon;
  let runId: string;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${daemon.httpUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${daemon.token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  before(async () => (daemon = await startTestDaemon()));
  after(() => daemon.stop());

  test('POST /v1/runs creates an external run; GET returns it', async () => {
    const created = await call('POST', '/v1/runs', { name: 'http', domains: ['x', 'y'], tokensPerSample: 512 });
    assert.equal(created.status, 200);
    runId = (await created.json()).run.id;
    const got = await (await call('GET', `/v1/runs/${encodeURIComponent(runId)}`)).json();
    assert.equal(got.run.kind, 'external');
    assert.equal(got.config.tokensPerSample, 512);
    assert.deepEqual(got.config.prior, [0.5, 0.5]);
  });

  test('observe and weights', async () => {
    const observed = await call('POST', `/v1/runs/${runId}/observe`, { step: 0, counts: [3, 1], losses: [2.5, 3.5] });
    assert.equal(observed.status, 200);
    const { weights, step } = await observed.json();
    assert.equal(step, 0);
    assert.equal(weights.length, 2);
    assert.deepEqual(await (await call('GET', `/v1/runs/${runId}/weights`)).json(), { weights, step: 0 });
  });

  test('refusals carry a status, a protocol code and a reason', async () => {
    const cases: [Promise<Response>, number, number, RegExp][] = [
      [call('POST', `/v1/runs/${runId}/observe`, { step: 0, counts: [1, 1], losses: [1, 1] }), 400, ErrorCode.InvalidFeedback, /steps must increase/],
      [call('POST', `/v1/runs/${runId}/observe`, { step: 1, counts: [1, 1], losses: [1] }), 400, ErrorCode.InvalidFeedback, /losses has 1/],
      [call('POST', `/v1/runs/${runId}/observe`, '{"step": 1, "counts": [1, 1], "losses": [NaN, 1]}'), 400, ErrorCode.ParseError, /NaN/],
      [call('POST', '/v1/runs', { name: 'bad name!', domains: ['a'] }), 400, ErrorCode.InvalidParams, /name/],
      [call('POST', '/v1/runs', { name: 'dup', domains: ['a', 'a'] }), 400, ErrorCode.InvalidConfig, /unique/],
      [call('GET', '/v1/runs/nope/weights'), 404, ErrorCode.RunNotFound, /nope/],
      [call('GET', '/v1/elsewhere'), 404, ErrorCode.MethodNotFound, /no route/],
      [call('DELETE', `/v1/runs/${runId}`), 405, ErrorCode.InvalidRequest, /takes GET/],
      [call('POST', '/v1/runs', 'x'.repeat(2 * 1024 * 1024)), 413, ErrorCode.InvalidRequest, /larger than/],
    ];
    for (const [response, status, code, reason] of cases) {
      const answer = await response;
      const { error } = await answer.json();
      assert.equal(answer.status, status, error.message);
      assert.equal(error.code, code, error.message);
      assert.match(error.message, reason);
    }
  });

  test('a stopped run refuses observations with 409', async () => {
    const client = await connect(daemon);
    await client.request('runs.stop', { runId });
    client.close();
    const response = await call('POST', `/v1/runs/${runId}/observe`, { step: 5, counts: [1, 1], losses: [1, 1] });
    assert.equal(response.status, 409);
  });
});
