import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configEdit, detectFormatting, pathAt, type TextReplacement } from '../../../extension/panels/config-edits';

const text = `{
  // the run's name
  "name": "tiny",
  "data": {
    "domains": [
      { "name": "a", "path": "a.txt" }, // first
      { "name": "b", "path": "b.txt" },
      { "name": "c", "path": "c.txt" }
    ]
  }
}
`;
const apply = (source: string, edit: TextReplacement | null) => (edit ? source.slice(0, edit.offset) + edit.text + source.slice(edit.offset + edit.length) : source);
const formatting = detectFormatting(text);

test('setting a value keeps comments and replaces only that value', () => {
  const edit = configEdit(text, { type: 'set', path: ['name'], value: 'bigger' }, formatting);
  assert.deepEqual(edit, { offset: text.indexOf('tiny'), length: 4, text: 'bigger' });
});

test('setting a missing nested value creates its parents', () => {
  const after = apply(text, configEdit(text, { type: 'set', path: ['mixture', 'ado', 'gamma1'], value: 0.2 }, formatting));
  assert.match(after, /"mixture": \{\s+"ado": \{\s+"gamma1": 0\.2/);
  assert.match(after, /\/\/ the run's name/);
});

test('undefined removes the key (and the comment above it) so the default applies', () => {
  const after = apply(text, configEdit(text, { type: 'set', path: ['name'], value: undefined }, formatting));
  assert.doesNotMatch(after, /"name": "tiny"|the run's name/);
  assert.match(after, /\/\/ first/);
});

test('insert and move reorder domains, other comments survive', () => {
  const inserted = apply(text, configEdit(text, { type: 'insert', path: ['data', 'domains'], index: 3, value: { name: '', path: '' } }, formatting));
  assert.equal(JSON.parse(inserted.replace(/\/\/.*$/gm, '')).data.domains.length, 4);
  const moved = apply(text, configEdit(text, { type: 'move', path: ['data', 'domains'], from: 2, to: 0 }, formatting));
  const names = JSON.parse(moved.replace(/\/\/.*$/gm, '')).data.domains.map((d: { name: string }) => d.name);
  assert.deepEqual(names, ['c', 'a', 'b']);
  assert.match(moved, /\/\/ the run's name/);
});

test('diagnostic offsets map to JSON paths', () => {
  assert.deepEqual(pathAt(text, text.indexOf('"b.txt"') + 1), ['data', 'domains', 1, 'path']);
});

test('formatting follows the document', () => {
  assert.deepEqual(detectFormatting('{\n\t"a": 1\n}'), { insertSpaces: false, tabSize: 4, eol: '\n' });
  assert.deepEqual(detectFormatting('{\r\n    "a": 1\r\n}'), { insertSpaces: true, tabSize: 4, eol: '\r\n' });
});
