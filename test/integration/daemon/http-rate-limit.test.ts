/**
 * The HTTP API's rate limit, over real sockets: a client over the configured rate gets 429 with
 * Retry-After and a JSON error, other clients (another remote address) are unaffected, and the
 * client is served again once it has waited as told.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { ErrorCode } from '../../../shared/protocol';
import type { RunningDaemon } from '../../../daemon/server/start-daemon';
import { startTestDaemon } from './harness';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** One GET on a fresh connection from `localAddress` (every 127.x address is loopback on Linux). */
function get(daemon: RunningDaemon, path: string, localAddress = '127.0.0.1'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${daemon.httpUrl}${path}`, { headers: { Authorization: `Bearer ${daemon.token}` }, localAddress, agent: false }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('HTTP clients over the rate get 429 with Retry-After, per remote address, until they wait', async () => {
  const daemon = await startTestDaemon({ limits: { rate: { perSecond: 2, burst: 3, abuseAfter: 1000 } } });
  try {
    const run = await daemon.manager.createExternal({ name: 'limited', domains: ['a', 'b'] });
    const weights = `/v1/runs/${encodeURIComponent(run.id)}/weights`;
    for (let i = 0; i < 3; i++) assert.equal((await get(daemon, weights)).status, 200, `request ${i + 1} is within the burst`);

    const limited = await get(daemon, weights);
    assert.equal(limited.status, 429);
    assert.match(String(limited.headers['content-type']), /^application\/json/);
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After: ${limited.headers['retry-after']}`);
    assert.equal(limited.body.error.code, ErrorCode.RateLimited);
    assert.match(limited.body.error.message, /too many requests from 127\.0\.0\.1; retry after \d+ s/);
    assert.equal(limited.body.error.data.retryAfterSeconds, retryAfter);

    if (process.platform === 'linux') assert.equal((await get(daemon, weights, '127.0.0.2')).status, 200, 'another client has its own budget');

    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    assert.equal((await get(daemon, weights)).status, 200, 'served again after waiting Retry-After');
  } finally {
    await daemon.stop();
  }
});
