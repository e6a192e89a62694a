import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfig, validateConfigValue } from '../../../shared/config';
import { MAX_JSON_DEPTH, offsetBeyondDepth, pathBeyondDepth } from '../../../shared/json-depth';

/** `{"a":{"a":…1…}}` nested `levels` deep, as a value and as text. */
const nestedValue = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
};
const nestedText = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

test('values: the limit itself passes; one level more is found, with its path, without recursing', () => {
  assert.equal(pathBeyondDepth(nestedValue(MAX_JSON_DEPTH)), undefined);
  assert.equal(pathBeyondDepth({ wide: Array.from({ length: 10_000 }, () => ({ x: [1] })) }), undefined, 'breadth is not depth');
  assert.equal(pathBeyondDepth(nestedValue(MAX_JSON_DEPTH + 1))?.length, MAX_JSON_DEPTH);
  assert.deepEqual(pathBeyondDepth({ ok: [1, { b: 2 }], deep: [[[1]]] }, 3), ['deep', 0, 0]);
  assert.equal(pathBeyondDepth(nestedValue(1_000_000))?.length, MAX_JSON_DEPTH);
  assert.equal(pathBeyondDepth('text'), undefined);
});

test('text: brackets in strings and comments do not count, a line break ends a string, a wrong closer closes nothing', () => {
  assert.equal(offsetBeyondDepth(nestedText(MAX_JSON_DEPTH)), -1);
  assert.equal(offsetBeyondDepth(nestedText(100_000)), 5 * MAX_JSON_DEPTH);
  assert.equal(offsetBeyondDepth('[[1],[2],[3]]', 2), -1);
  assert.equal(offsetBeyondDepth('{"[[[": "]]]\\"[[[", "x": [1]}', 2), -1);
  assert.equal(offsetBeyondDepth('{ // [[[\n "x": /* [[[ */ [1] }', 2), -1);
  assert.equal(offsetBeyondDepth('{"x": "unterminated\n [[1]]}', 2), 22, 'jsonc-parser ends the string at the line break and parses the brackets');
  assert.equal(offsetBeyondDepth('[}[}[', 2), 4, '} does not close [');
});

test('validateConfig refuses text nested 10,000 deep with one diagnostic where the limit is passed', () => {
  const text = `{\n  "mixture": ${nestedText(10_000)}\n}`;
  const { diagnostics } = validateConfig(text);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].code, 'syntax');
  assert.equal(diagnostics[0].message, `the config nests more than ${MAX_JSON_DEPTH} levels deep here; a run config needs fewer than ten, so remove the extra nesting`);
  assert.deepEqual(diagnostics[0].range.start, { line: 1, character: 13 + 5 * (MAX_JSON_DEPTH - 1) });
});

test('validateConfigValue refuses a value nested 10,000 deep and names where', () => {
  const { diagnostics, config } = validateConfigValue({ version: 1, mixture: nestedValue(10_000) });
  assert.equal(config, undefined);
  assert.deepEqual(diagnostics.map((d) => d.message), [`the config nests more than ${MAX_JSON_DEPTH} levels deep at config.mixture[0].a[0]…; a run config needs fewer than ten, so remove the extra nesting`]);
});
