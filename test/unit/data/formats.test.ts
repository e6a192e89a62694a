import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { prepareCorpus, type PreparedCorpus } from '../../../daemon/data';
import { BYTE_END_OF_DOCUMENT } from '../../../daemon/data/tokenizers/byte';
import { configWithData, corpusFolder, FIXTURES, prose } from './helpers';

/** Every document of a domain, train and validation joined back, in stream order. */
function documentsOf(corpus: PreparedCorpus, domain: string): string[] {
  const found = corpus.domains.find((d) => d.name === domain);
  assert.ok(found, `domain ${domain} is prepared`);
  const bytes = [...found.train, ...found.validation];
  assert.equal(bytes.at(-1), BYTE_END_OF_DOCUMENT, 'the stream ends with a document separator');
  return corpus.tokenizer.decode(bytes.slice(0, -1)).split('<|endoftext|>');
}

test('a text file is one document; a folder is every file in name order, recursively, dotfiles left out', async () => {
  const { dir, cacheRoot } = corpusFolder({
    'book.txt': prose(40, 1),
    'letters/b.txt': prose(20, 2),
    'letters/a.txt': prose(20, 3),
    'letters/c/inner.txt': prose(20, 4),
    'letters/.DS_Store': '\u0000\u0001 not text',
  });
  const config = configWithData({ domains: [{ name: 'book', path: 'book.txt' }, { name: 'letters', path: 'letters' }] });
  const corpus = await prepareCorpus(config, { configDir: dir, cacheRoot });
  assert.deepEqual(corpus.domains.map((d) => d.name), ['book', 'letters']);
  assert.deepEqual(documentsOf(corpus, 'book'), [prose(40, 1)]);
  assert.deepEqual(documentsOf(corpus, 'letters'), [prose(20, 3), prose(20, 2), prose(20, 4)]);
  assert.deepEqual(corpus.warnings, []);
});

test('per-domain JSONL: one document per line, by format or by the .jsonl, .jsonl.gz name', async () => {
  const lines = [prose(15, 1), prose(15, 2), prose(15, 3)].map((text) => JSON.stringify({ text, id: 1 }) + '\n').join('');
  const { dir, cacheRoot } = corpusFolder({ 'a.jsonl': lines, 'b.jsonl.gz': gzipSync(lines), 'c.data': lines });
  const config = configWithData({
    domains: [{ name: 'a', path: 'a.jsonl' }, { name: 'b', path: 'b.jsonl.gz' }, { name: 'c', path: 'c.data', format: 'jsonl' }],
  });
  const corpus = await prepareCorpus(config, { configDir: dir, cacheRoot });
  for (const name of ['a', 'b', 'c']) assert.deepEqual(documentsOf(corpus, name), [prose(15, 1), prose(15, 2), prose(15, 3)]);
});

test('a gzipped text file reads like the plain one', async () => {
  const { dir, cacheRoot } = corpusFolder({ 'plain.txt': prose(40), 'packed.txt.gz': gzipSync(prose(40)) });
  const config = configWithData({ domains: [{ name: 'plain', path: 'plain.txt' }, { name: 'packed', path: 'packed.txt.gz' }] });
  const corpus = await prepareCorpus(config, { configDir: dir, cacheRoot });
  assert.deepEqual(documentsOf(corpus, 'packed'), documentsOf(corpus, 'plain'));
});

test('Pile JSONL, plain, .gz and .zst: domains from meta.pile_set_name, sorted by name when not listed', async () => {
  const plain = readFileSync(join(FIXTURES, 'pile.jsonl'));
  const expected = plain.toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as { text: string; meta: { pile_set_name: string } });
  const textsOf = (name: string) => expected.filter((d) => d.meta.pile_set_name === name).map((d) => d.text);
  const { dir, cacheRoot } = corpusFolder({ 'pile.jsonl': plain, 'pile.jsonl.gz': gzipSync(plain) });
  // Fixed-width windows need a little text; the fixture's documents are short.
  const data = { contextLength: 8, validationFraction: 0.3 };
  for (const jsonl of [join(dir, 'pile.jsonl'), join(dir, 'pile.jsonl.gz'), join(FIXTURES, 'pile.jsonl.zst')]) {
    const corpus = await prepareCorpus(configWithData({ ...data, source: { jsonl, domainKey: 'meta.pile_set_name', textKey: 'text' } }), { configDir: dir, cacheRoot });
    assert.deepEqual(corpus.domains.map((d) => d.name), ['Github', 'Wikipedia (en)'], jsonl);
    assert.deepEqual(documentsOf(corpus, 'Github'), textsOf('Github'), jsonl);
    assert.deepEqual(documentsOf(corpus, 'Wikipedia (en)'), textsOf('Wikipedia (en)'), jsonl);
  }
});

test('Pile JSONL with data.source.domains: that order, other domains counted in a warning', async () => {
  const { dir, cacheRoot } = corpusFolder({});
  const config = configWithData({
    validationFraction: 0.3,
    source: { jsonl: join(FIXTURES, 'pile.jsonl'), domainKey: 'meta.pile_set_name', textKey: 'text', domains: ['Wikipedia (en)'] },
  });
  const corpus = await prepareCorpus(config, { configDir: dir, cacheRoot });
  assert.deepEqual(corpus.domains.map((d) => d.name), ['Wikipedia (en)']);
  assert.equal(corpus.warnings.length, 1);
  assert.match(corpus.warnings[0], /pile\.jsonl: left out 2 documents of domains not in data\.source\.domains: Github \(2\)/);
});

test('a text file larger than one read chunk and one encode batch comes through intact, even with characters cut by the chunk boundary', async () => {
  // "€" is 3 bytes, so the 1 MiB read boundaries fall inside characters; 1.2M characters also exceed one encode batch.
  const text = '€ '.repeat(600_000) + 'end';
  const { dir, cacheRoot } = corpusFolder({ 'euros.txt': text });
  const corpus = await prepareCorpus(configWithData({ validationFraction: 0.01, domains: [{ name: 'euros', path: 'euros.txt' }] }), { configDir: dir, cacheRoot });
  assert.deepEqual(documentsOf(corpus, 'euros'), [text]);
});

test('progress reports bytes done of the domain\'s total, ending at the total', async () => {
  const { dir, cacheRoot } = corpusFolder({ 'd/a.txt': prose(30), 'd/b.txt': prose(50) });
  const reports: { domain: string; bytesDone: number; bytesTotal: number }[] = [];
  await prepareCorpus(configWithData({ domains: [{ name: 'd', path: 'd' }] }), { configDir: dir, cacheRoot, onProgress: (p) => reports.push(p) });
  const total = Buffer.byteLength(prose(30)) + Buffer.byteLength(prose(50));
  assert.ok(reports.every((r) => r.domain === 'd' && r.bytesTotal === total && r.bytesDone <= total));
  assert.equal(reports.at(-1)!.bytesDone, total);
  assert.ok(reports.every((r, i) => i === 0 || r.bytesDone >= reports[i - 1].bytesDone), 'never goes backwards');
});
