import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type WebSocket from 'ws';
import { Outbox } from '../../../daemon/server/outbox';
import { HttpRateLimit } from '../../../daemon/server/http-rate-limit';
import { TokenBucket } from '../../../daemon/server/rate-limiter';
import { createOriginPolicy } from '../../../daemon/server/origin-policy';
import { bearerToken, tokensMatch } from '../../../daemon/server/token';

/** A socket whose writes complete only when the test says so. */
class FakeSocket extends EventEmitter {
  readonly sent: string[] = [];
  private readonly callbacks: (() => void)[] = [];
  send(frame: string, done: () => void) {
    this.sent.push(frame);
    this.callbacks.push(done);
  }
  completeAll() {
    for (const done of this.callbacks.splice(0)) done();
  }
}

test('the outbox sends directly until the high-water mark, then queues and coalesces by key', () => {
  const socket = new FakeSocket();
  let overflowed = false;
  let drains = 0;
  const outbox = new Outbox(socket as unknown as WebSocket, { highWaterBytes: 10, maxQueued: 3 }, () => (overflowed = true), () => drains++);
  outbox.send('0123456789');
  assert.equal(outbox.congested, true);
  outbox.send('a', 'run-1');
  outbox.send('b');
  outbox.send('c', 'run-1');
  assert.deepEqual(outbox.usage, { inFlightBytes: 10, queued: 2 });
  socket.completeAll();
  assert.deepEqual(socket.sent, ['0123456789', 'b', 'c'], 'the newer run-1 message replaced the older and moved behind b');
  socket.completeAll();
  assert.equal(outbox.congested, false);
  assert.ok(drains > 0);
  assert.equal(overflowed, false);
});

test('the outbox overflows past maxQueued and then stays silent', () => {
  const socket = new FakeSocket();
  let overflows = 0;
  const outbox = new Outbox(socket as unknown as WebSocket, { highWaterBytes: 1, maxQueued: 2 }, () => overflows++, () => {});
  for (let i = 0; i < 10; i++) outbox.send(`m${i}`);
  assert.equal(overflows, 1);
  assert.equal(outbox.usage.queued, 0);
  socket.completeAll();
  assert.deepEqual(socket.sent, ['m0']);
});

test('the token bucket allows a burst, refills over time, and flags sustained abuse', () => {
  let now = 0;
  const bucket = new TokenBucket({ perSecond: 10, burst: 5, abuseAfter: 3 }, () => now);
  assert.deepEqual(Array.from({ length: 6 }, () => bucket.take()), [true, true, true, true, true, false]);
  now += 100;
  assert.equal(bucket.take(), true);
  assert.equal(bucket.take(), false);
  assert.equal(bucket.take(), false);
  assert.equal(bucket.abusive(), false);
  assert.equal(bucket.take(), false);
  assert.equal(bucket.abusive(), true, 'three rejections in a row');
  now += 1000;
  assert.equal(bucket.take(), true);
  assert.equal(bucket.abusive(), false);
});

test('origins: none and editor origins pass, web origins only when allowed', () => {
  const allowed = createOriginPolicy(['https://Code.Example.com/']);
  assert.equal(allowed(undefined), true);
  assert.equal(allowed('vscode-webview://1234'), true);
  assert.equal(allowed('vscode-file://vscode-app'), true);
  assert.equal(allowed('https://code.example.com'), true);
  assert.equal(allowed('https://evil.example'), false);
  assert.equal(allowed('null'), false);
});

test('bearer tokens are parsed strictly and compared whole', () => {
  assert.equal(bearerToken('Bearer abc'), 'abc');
  assert.equal(bearerToken('bearer abc '), 'abc');
  assert.equal(bearerToken('Basic abc'), undefined);
  assert.equal(bearerToken(undefined), undefined);
  assert.equal(tokensMatch('abc', 'abc'), true);
  assert.equal(tokensMatch('ab', 'abc'), false);
  assert.equal(tokensMatch(undefined, 'abc'), false);
});

test('HTTP rate limit: one bucket per remote address and token; Retry-After in whole seconds, at least 1', () => {
  let now = 0;
  const limit = new HttpRateLimit({ perSecond: 0.5, burst: 2, abuseAfter: 3 }, () => now);
  assert.deepEqual([limit.check('10.0.0.1', 't'), limit.check('10.0.0.1', 't')], [{ allowed: true }, { allowed: true }]);
  assert.deepEqual(limit.check('10.0.0.1', 't'), { allowed: false, retryAfterSeconds: 2, abusive: false });
  assert.deepEqual(limit.check('10.0.0.2', 't'), { allowed: true }, 'another address');
  assert.deepEqual(limit.check('10.0.0.1', 'other'), { allowed: true }, 'another token');
  now = 1500;
  assert.deepEqual(limit.check('10.0.0.1', 't'), { allowed: false, retryAfterSeconds: 1, abusive: false });
  assert.deepEqual(limit.check('10.0.0.1', 't'), { allowed: false, retryAfterSeconds: 1, abusive: true }, 'ignoring Retry-After three times');
  now = 2000;
  assert.deepEqual(limit.check('10.0.0.1', 't'), { allowed: true });
});
