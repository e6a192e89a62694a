import { test } from 'node:test';
import assert from 'node:assert/strict';
import { absolutizeConfigPaths } from '../../../shared/client/config-paths';
import { fileFields } from '../../../shared/config/file-fields';

const everyKind = {
  data: {
    tokenizer: { huggingface: 'tok/tokenizer.json' },
    domains: [{ name: 'a', path: 'a.txt' }, { name: 'b', path: '/abs/b' }, { name: 'c' }],
    source: { jsonl: ['p1.jsonl', '', 'p2.jsonl.zst'] },
  },
  mixture: { policy: 'fixed', fixed: { file: '../weights.json' } },
};

test('every file a config names, with its JSON path; empty and absent ones are left out', () => {
  assert.deepEqual(fileFields(everyKind), [
    { path: ['data', 'domains', 0, 'path'], file: 'a.txt' },
    { path: ['data', 'domains', 1, 'path'], file: '/abs/b' },
    { path: ['data', 'source', 'jsonl', 0], file: 'p1.jsonl' },
    { path: ['data', 'source', 'jsonl', 2], file: 'p2.jsonl.zst' },
    { path: ['data', 'tokenizer', 'huggingface'], file: 'tok/tokenizer.json' },
    { path: ['mixture', 'fixed', 'file'], file: '../weights.json' },
  ]);
  assert.deepEqual(fileFields({ data: { source: { jsonl: 'one.jsonl' }, tokenizer: 'byte' } }), [{ path: ['data', 'source', 'jsonl'], file: 'one.jsonl' }]);
  for (const odd of [null, 'text', [], { data: [] }, { data: { domains: { path: 'x' } } }, { data: { domains: [null, 7, { path: 3 }] } }]) assert.deepEqual(fileFields(odd), []);
});

test('absolutizeConfigPaths makes each relative path absolute against the folder, leaving the original untouched', () => {
  const absolute = absolutizeConfigPaths(everyKind, '/work/configs') as typeof everyKind;
  assert.deepEqual(fileFields(absolute).map((f) => f.file), [
    '/work/configs/a.txt',
    '/abs/b',
    '/work/configs/p1.jsonl',
    '/work/configs/p2.jsonl.zst',
    '/work/configs/tok/tokenizer.json',
    '/work/weights.json',
  ]);
  assert.equal(everyKind.data.domains[0].path, 'a.txt');
  assert.equal(absolutizeConfigPaths('not a config', '/x'), 'not a config');
});
