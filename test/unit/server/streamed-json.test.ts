import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkedArray, StreamedJson } from '../../../daemon/util/streamed-json';

test('the parts join to exactly what JSON.stringify prints, whatever the value holds', () => {
  const squares = new ChunkedArray(5_000, (from, to) => Array.from({ length: to - from }, (_, i) => (from + i) ** 2));
  const value = {
    columns: [squares, new ChunkedArray(0, () => []), new ChunkedArray(3, () => [null, undefined, 1.5])],
    events: [{ type: 'fit', points: { n: [1, 2], loss: [[3], [4]] }, missing: undefined, f: () => 1 }, null, 'text "quoted"', undefined],
    when: new Date(0),
    nothing: undefined,
    empty: { list: [], object: {} },
  };
  const streamed = new StreamedJson(value);
  for (const partChars of [1, 7, 64 * 1024]) assert.equal([...streamed.parts(partChars)].join(''), JSON.stringify(value), `parts of ${partChars}`);
  assert.equal(JSON.stringify(streamed), JSON.stringify(value));
});

test('a chunked array is computed a chunk at a time, only as far as the parts taken', () => {
  const asked: [number, number][] = [];
  const column = new ChunkedArray(100_000, (from, to) => {
    asked.push([from, to]);
    return Array.from({ length: to - from }, (_, i) => from + i);
  });
  const parts = new StreamedJson({ column }).parts(1024);
  parts.next();
  assert.deepEqual(asked, [[0, 2048]], 'the first part needed only the first chunk of the default length');
  const text = [...parts].join('');
  assert.equal(asked.length, Math.ceil(100_000 / 2048));
  assert.ok(text.endsWith('99999]}'));
});
