/**
 * Thousands of random and mutated frames: each gets exactly one JSON-RPC reply, and afterwards
 * the daemon (and the very same connection) still answers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ErrorCode, PROTOCOL_VERSION, Requests } from '../../../shared/protocol';
import { RawSocket, connect, startTestDaemon } from './harness';

// daemon.shutdown is left out: a fuzzer that happened to send it validly would only test shutdown.
const methods = Object.keys(Requests).filter((m) => m !== 'daemon.shutdown');

const validFrames = [
  { jsonrpc: '2.0', id: 1, method: 'runs.list', params: {} },
  { jsonrpc: '2.0', id: 2, method: 'runs.get', params: { runId: 'x' } },
  { jsonrpc: '2.0', id: 3, method: 'scheduler.observe', params: { runId: 'x', step: 1, counts: [1, 2], losses: [1.5, null] } },
  { jsonrpc: '2.0', id: 4, method: 'runs.history', params: { runId: 'x', fromStep: 0, maxPoints: 10 } },
  { jsonrpc: '2.0', id: 5, method: 'config.validate', params: { text: '{"version": 1}' } },
  { jsonrpc: '2.0', id: 6, method: 'runs.createExternal', params: { name: 'fz', domains: ['a', 'b'], prior: [1, 2] } },
  { jsonrpc: '2.0', id: 7, method: 'runs.subscribe', params: { runId: 'x', fromSeq: 0 } },
].map((frame) => JSON.stringify(frame));

type Mutation = { kind: 'delete'; at: number; length: number } | { kind: 'insert' | 'replace'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.constantFrom('"', '{', '}', '[', ']', ',', ':', 'null', '-1', '1e999', '"2.0"', '\\u0000') }),
);

function mutate(text: string, mutations: Mutation[]): string {
  let result = text;
  for (const m of mutations) {
    const at = m.at % (result.length + 1);
    if (m.kind === 'delete') result = result.slice(0, at) + result.slice(at + m.length);
    else if (m.kind === 'insert') result = result.slice(0, at) + m.text + result.slice(at);
    else result = result.slice(0, at) + m.text + result.slice(at + 1);
  }
  return result;
}

const frame = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  fc.record(
    {
      jsonrpc: fc.oneof(fc.constant('2.0'), fc.jsonValue({ maxDepth: 1 })),
      id: fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.constant(null), fc.jsonValue({ maxDepth: 1 })),
      method: fc.oneof(fc.constantFrom(...methods), fc.string({ maxLength: 20 })),
      params: fc.jsonValue({ maxDepth: 3 }),
    },
    { requiredKeys: [] },
  ).map((f) => JSON.stringify(f)),
  fc.tuple(fc.constantFrom(...validFrames), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([text, ms]) => mutate(text, ms)),
);

const nasty = [
  '['.repeat(100_000) + ']'.repeat(100_000),
  '{"jsonrpc":"2.0","id":1,"method":"runs.get","params":{"__proto__":{"runId":"x"}}}',
  '{"jsonrpc":"2.0","id":1,"method":"__proto__","params":{}}',
  '{"jsonrpc":"2.0","id":1,"method":"constructor","params":{}}',
  '{"jsonrpc":"2.0","id":1e400,"method":"runs.list"}',
  '{"jsonrpc":"2.0","id":1,"method":"runs.history","params":{"runId":"x","maxPoints":1e300}}',
  '',
  'null',
  '[]',
];

test('random and mutated frames each get one reply; the daemon lives on', async () => {
  const daemon = await startTestDaemon({ limits: { rate: { perSecond: 1e6, burst: 1e6, abuseAfter: 1e6 } } });
  const raw = await RawSocket.open(daemon);
  raw.send({ jsonrpc: '2.0', id: 'init', method: 'initialize', params: { client: 'fuzz', protocolVersion: PROTOCOL_VERSION } });
  assert.ok((await raw.reply('init')).result);

  const frames = [...nasty, ...fc.sample(frame, { numRuns: 4000, seed: 20260101 })];
  let replies = 0;
  const internalErrors: string[] = [];
  raw.socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (!('id' in message)) return;
    replies++;
    if (message.error?.code === ErrorCode.InternalError) internalErrors.push(message.error.message);
  });
  // In batches, so a bug that swallows replies shows up as a count rather than a hang.
  for (let start = 0; start < frames.length; start += 500) {
    const batch = frames.slice(start, start + 500);
    const expected = replies + batch.length;
    for (const text of batch) raw.send(text);
    const deadline = Date.now() + 20_000;
    while (replies < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(replies, expected, `replies to frames ${start}..${start + batch.length}`);
  }
  raw.socket.send(Buffer.from([1, 2, 3]), { binary: true });
  assert.deepEqual(internalErrors, [], 'every bad frame is refused as such, none crashes a handler');

  raw.send({ jsonrpc: '2.0', id: 'after', method: 'runs.list', params: {} });
  assert.ok(Array.isArray((await raw.reply('after')).result.runs), 'the same connection still answers');
  const client = await connect(daemon);
  assert.equal((await client.request('daemon.status', {})).pid, process.pid, 'a new connection is answered');
  client.close();
  raw.close();
  await daemon.stop();
});
