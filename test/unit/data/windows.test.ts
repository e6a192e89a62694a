import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWindowStreams, validationWindows, WindowStream, windowCount, type PreparedDomain } from '../../../daemon/data';

const T = 4;
/** 4·10 + 1 tokens: exactly 10 windows of T + 1 whose boundaries are recognisable by value. */
const tokens = Uint16Array.from({ length: 4 * 10 + 1 }, (_, i) => i);

const starts = (stream: WindowStream, count: number) => Array.from({ length: count }, () => stream.next().x[0]);

test('windows are T inputs and the same T shifted by one, on a stride of T', () => {
  const stream = WindowStream.create(tokens, T, 1);
  assert.equal(stream.windowsPerEpoch, 10);
  for (let i = 0; i < 10; i++) {
    const { x, y } = stream.next();
    assert.equal(x.length, T);
    assert.deepEqual([...y], [...x].map((t) => t + 1));
    assert.equal(x[0] % T, 0);
  }
});

test('each epoch visits every window once, in a new order', () => {
  const stream = WindowStream.create(tokens, T, 7);
  const first = starts(stream, 10);
  const second = starts(stream, 10);
  const all = Array.from({ length: 10 }, (_, i) => i * T);
  assert.deepEqual([...first].sort((a, b) => a - b), all);
  assert.deepEqual([...second].sort((a, b) => a - b), all);
  assert.notDeepEqual(second, first);
});

test('the order is fixed by the seed', () => {
  assert.deepEqual(starts(WindowStream.create(tokens, T, 3), 25), starts(WindowStream.create(tokens, T, 3), 25));
  assert.notDeepEqual(starts(WindowStream.create(tokens, T, 3), 25), starts(WindowStream.create(tokens, T, 4), 25));
});

test('restoring a saved state continues exactly as the uninterrupted stream, across epochs', () => {
  for (const stopAfter of [0, 3, 10, 17]) {
    const uninterrupted = WindowStream.create(tokens, T, 11);
    const resumed = WindowStream.create(tokens, T, 11);
    starts(uninterrupted, stopAfter);
    starts(resumed, stopAfter);
    const state = JSON.parse(JSON.stringify(resumed.state()));
    assert.deepEqual(starts(WindowStream.restore(tokens, T, state), 25), starts(uninterrupted, 25), `stopped after ${stopAfter}`);
  }
});

test('epochs consumed = windows consumed × T / training tokens', () => {
  const stream = WindowStream.create(tokens, T, 5);
  assert.equal(stream.epochsConsumed, 0);
  starts(stream, 5);
  assert.equal(stream.epochsConsumed, (5 * T) / 41);
  starts(stream, 20);
  assert.equal(stream.epochsConsumed, (25 * T) / 41);
  assert.equal(stream.state().epoch, 2);
  assert.equal(stream.state().position, 5);
});

test('each domain gets its own order from the run seed', () => {
  const domain = (name: string): PreparedDomain => ({ name, train: tokens, validation: tokens });
  const [a, b] = createWindowStreams({ domains: [domain('a'), domain('b')] }, T, 9);
  const [again] = createWindowStreams({ domains: [domain('a'), domain('b')] }, T, 9);
  const aStarts = starts(a, 10);
  assert.deepEqual(starts(again, 10), aStarts);
  assert.notDeepEqual(starts(b, 10), aStarts);
});

test('validation windows are evenly spaced from the start to the end of the split, the same every call', () => {
  const domain: PreparedDomain = { name: 'd', train: new Uint16Array(0), validation: Uint16Array.from({ length: 101 }, (_, i) => i) };
  assert.equal(windowCount(domain.validation, T), 25);
  const windows = validationWindows(domain, T, 5);
  assert.deepEqual(windows.map((w) => w.x[0]), [0, 24, 48, 72, 96]);
  assert.deepEqual(windows.at(-1)!.y.at(-1), 100);
  assert.deepEqual(validationWindows(domain, T, 5), windows);
  assert.equal(validationWindows(domain, T, 1000).length, 25, 'never more windows than the split holds');
});
