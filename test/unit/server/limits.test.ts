import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { openDaemonLog } from '../../../daemon/server/daemon-log';
import { Outbox } from '../../../daemon/server/outbox';
import { HttpRateLimit } from '../../../daemon/server/http-rate-limit';
import { TokenBucket } from '../../../daemon/server/rate-limiter';
import { createOriginPolicy } from '../../../daemon/server/origin-policy';
import { bearerToken, tokensMatch } from '../../../daemon/server/token';
import { tempDir } from '../../helpers/temp-dir';

/** A socket whose writes complete only when the test says so. */
class FakeSocket extends EventEmitter {
  readonly sent: string[] = [];
  /** Fragments of a message not yet ended, as ws would frame them. */
  readonly fins: boolean[] = [];
  private readonly callbacks: (() => void)[] = [];
  send(frame: string, options: { fin: boolean }, done: () => void) {
    this.sent.push(frame);
    this.fins.push(options.fin);
    this.callbacks.push(done);
  }
  completeAll() {
    for (const done of this.callbacks.splice(0)) done();
  }
}

function outboxOn(socket: FakeSocket, limits: { highWaterBytes: number; maxQueuedBytes: number }) {
  const seen = { overflows: 0, drains: 0, failures: [] as unknown[] };
  const outbox = new Outbox(socket as unknown as WebSocket, limits, {
    overflow: () => seen.overflows++,
    drain: () => seen.drains++,
    streamFailed: (error) => seen.failures.push(error),
  });
  return { outbox, seen };
}

test('the outbox sends directly until the high-water mark, then queues and coalesces by key', () => {
  const socket = new FakeSocket();
  const { outbox, seen } = outboxOn(socket, { highWaterBytes: 10, maxQueuedBytes: 100 });
  const handed: string[] = [];
  outbox.send('0123456789', { sent: () => handed.push('first') });
  assert.deepEqual(handed, ['first'], 'handed to the socket at once');
  assert.equal(outbox.congested, true);
  outbox.send('aa', { coalesceKey: 'run-1' });
  outbox.send('b', { sent: () => handed.push('b') });
  outbox.send('ccc', { coalesceKey: 'run-1' });
  assert.deepEqual(outbox.usage, { inFlightBytes: 10, queuedBytes: 4, queued: 2 }, 'the replaced message no longer counts');
  assert.deepEqual(handed, ['first'], 'b waits');
  socket.completeAll();
  assert.deepEqual(socket.sent, ['0123456789', 'b', 'ccc'], 'the newer run-1 message replaced the older and moved behind b');
  assert.deepEqual(handed, ['first', 'b']);
  socket.completeAll();
  assert.equal(outbox.congested, false);
  assert.ok(seen.drains > 0);
  assert.equal(seen.overflows, 0);
});

test('the outbox overflows once more than maxQueuedBytes wait, and then stays silent', () => {
  const socket = new FakeSocket();
  const { outbox, seen } = outboxOn(socket, { highWaterBytes: 1, maxQueuedBytes: 25 });
  for (let i = 0; i < 10; i++) outbox.send(`message-${i}`);
  assert.equal(seen.overflows, 1, 'the 10-byte messages overflow at the third queued');
  assert.deepEqual(outbox.usage.queued, 0);
  socket.completeAll();
  assert.deepEqual(socket.sent, ['message-0']);
});

test('a stream is written as fragments of one message, each part taken only while the socket has room', () => {
  const socket = new FakeSocket();
  const { outbox } = outboxOn(socket, { highWaterBytes: 8, maxQueuedBytes: 100 });
  let taken = 0;
  function* parts() {
    for (const part of ['{"a":', '[1,2,3]', ',"b":', '4}']) {
      taken++;
      yield part;
    }
  }
  let streamSent = false;
  outbox.sendStream(parts(), () => (streamSent = true));
  assert.deepEqual(socket.sent, ['{"a":', '[1,2,3]'], 'stopped at the high-water mark');
  assert.equal(taken, 3, 'one part ahead, to know whether a fragment is the last');
  outbox.send('{"other":1}');
  assert.equal(outbox.congested, true);
  socket.completeAll();
  socket.completeAll();
  assert.deepEqual(socket.sent, ['{"a":', '[1,2,3]', ',"b":', '4}', '{"other":1}'], 'the other message waited for the end of the stream');
  assert.deepEqual(socket.fins, [false, false, false, true, true]);
  assert.equal(streamSent, true);
});

test('a stream that throws midway stops the outbox and reports it', () => {
  const socket = new FakeSocket();
  const { outbox, seen } = outboxOn(socket, { highWaterBytes: 100, maxQueuedBytes: 100 });
  outbox.sendStream(
    (function* () {
      yield '[1,';
      throw new Error('broken');
    })(),
  );
  outbox.send('later');
  assert.deepEqual(seen.failures.map((e) => (e as Error).message), ['broken']);
  assert.deepEqual(socket.sent, [], 'its first part waited for the next one, which threw: nothing of it went out');
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

test('the daemon log takes lines after it was closed (answers finishing during a stop) without failing', async () => {
  const file = join(tempDir('ado-log-'), 'daemon.log');
  const log = openDaemonLog(file, false);
  log('first');
  const closed = log.close();
  log('too late');
  await closed;
  await new Promise((resolve) => setImmediate(resolve));
  assert.match(readFileSync(file, 'utf8'), /first\n$/);
});
