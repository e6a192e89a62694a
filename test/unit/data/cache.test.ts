import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareCorpus } from '../../../daemon/data';
import { writeCache } from '../../../daemon/data/cache/store';
import { configWithData, corpusFolder, prose } from './helpers';

const twoDomains = configWithData({ domains: [{ name: 'a', path: 'a.txt' }, { name: 'b', path: 'b' }] });

test('the second prepare of unchanged inputs is a cache hit with the same tokens', async () => {
  const { dir, cacheRoot } = corpusFolder({ 'a.txt': prose(50, 1), 'b/1.txt': prose(30, 2), 'b/2.txt': prose(30, 3) });
  const first = await prepareCorpus(twoDomains, { configDir: dir, cacheRoot });
  let progressCalls = 0;
  const second = await prepareCorpus(twoDomains, { configDir: dir, cacheRoot, onProgress: () => progressCalls++ });
  assert.equal(first.cacheHit, false);
  assert.equal(second.cacheHit, true);
  assert.equal(progressCalls, 0, 'nothing is tokenised on a hit');
  assert.equal(second.cacheDir, first.cacheDir);
  assert.deepEqual(second.domains, first.domains);
  assert.deepEqual(readdirSync(first.cacheDir).sort(), ['0.train.bin', '0.val.bin', '1.train.bin', '1.val.bin', 'manifest.json']);
});

test('changing one file\'s content, the tokenizer or the validation fraction gives a new cache', async () => {
  // Long enough for windows of 8 GPT-2 tokens too.
  const { dir, cacheRoot } = corpusFolder({ 'a.txt': prose(80, 1), 'b/1.txt': prose(80, 2) });
  const original = await prepareCorpus(twoDomains, { configDir: dir, cacheRoot });
  writeFileSync(join(dir, 'b', '1.txt'), prose(80, 4));
  const edited = await prepareCorpus(twoDomains, { configDir: dir, cacheRoot });
  assert.equal(edited.cacheHit, false);
  assert.notEqual(edited.cacheDir, original.cacheDir);
  assert.notDeepEqual(edited.domains[1].train, original.domains[1].train);
  const gpt2 = await prepareCorpus({ ...twoDomains, data: { ...twoDomains.data, tokenizer: 'gpt2' } }, { configDir: dir, cacheRoot });
  assert.equal(gpt2.cacheHit, false);
  assert.ok(gpt2.domains[0].train instanceof Uint16Array);
  const moreHeldOut = await prepareCorpus({ ...twoDomains, data: { ...twoDomains.data, validationFraction: 0.4 } }, { configDir: dir, cacheRoot });
  assert.equal(moreHeldOut.cacheHit, false);
});

test('the warnings of a prepare come back on a cache hit', async () => {
  const { dir, cacheRoot } = corpusFolder({ 'd.jsonl': `${JSON.stringify({ text: prose(60) })}\nbroken\n` });
  const config = configWithData({ malformedLines: 'skip', domains: [{ name: 'd', path: 'd.jsonl' }] });
  const first = await prepareCorpus(config, { configDir: dir, cacheRoot });
  const second = await prepareCorpus(config, { configDir: dir, cacheRoot });
  assert.equal(second.cacheHit, true);
  assert.equal(second.warnings.length, 1);
  assert.deepEqual(second.warnings, first.warnings);
});

test('a failure part-way through leaves no cache folder behind', async () => {
  const { dir, cacheRoot } = corpusFolder({ 'a.txt': prose(50), 'b/1.txt': prose(30), 'b/2.txt': Buffer.from([0x61, 0xc0, 0x62]) });
  await assert.rejects(prepareCorpus(twoDomains, { configDir: dir, cacheRoot }), { name: 'UserError', message: /2\.txt is not valid UTF-8 at byte 1/ });
  assert.deepEqual(existsSync(cacheRoot) ? readdirSync(cacheRoot) : [], []);
});

test('a corpus refused as too short for one window leaves no cache folder behind', async () => {
  const { dir, cacheRoot } = corpusFolder({ 'short.txt': 'twenty bytes of text' });
  const config = configWithData({ contextLength: 32, domains: [{ name: 'short', path: 'short.txt' }] });
  await assert.rejects(prepareCorpus(config, { configDir: dir, cacheRoot }), { name: 'UserError', message: /has 16 training tokens but one window needs 33/ });
  assert.deepEqual(existsSync(cacheRoot) ? readdirSync(cacheRoot) : [], []);
});

test('a write that fails after some token files are on disk leaves neither a cache folder nor its temporary', async () => {
  const { cacheRoot } = corpusFolder({});
  const unwritable = new Proxy(new Uint16Array(4), {
    get(target, key) {
      if (key === 'buffer') throw new Error('disk full');
      return Reflect.get(target, key);
    },
  });
  const corpus = {
    domains: [
      { name: 'written', train: new Uint16Array([1, 2, 3]), validation: new Uint16Array([4]) },
      { name: 'fails', train: unwritable, validation: new Uint16Array([5]) },
    ],
    warnings: [],
  };
  await assert.rejects(writeCache(cacheRoot, join(cacheRoot, 'key'), { name: 'byte', vocabSize: 256 }, corpus), /disk full/);
  assert.deepEqual(readdirSync(cacheRoot), []);
});

test('a temporary folder left by a killed writer is removed; one of a live process is kept', async () => {
  const { dir, cacheRoot } = corpusFolder({ 'a.txt': prose(50), 'b/1.txt': prose(30) });
  const deadPid = 2 ** 22 + 1; // above Linux's pid_max, so no process has it
  mkdirSync(join(cacheRoot, `.tmp-${deadPid}-abandoned`), { recursive: true });
  mkdirSync(join(cacheRoot, `.tmp-${process.pid}-in-progress`));
  const corpus = await prepareCorpus(twoDomains, { configDir: dir, cacheRoot });
  assert.deepEqual(readdirSync(cacheRoot).sort(), [`.tmp-${process.pid}-in-progress`, corpus.cacheDir.slice(cacheRoot.length + 1)].sort());
});

test('a damaged cache is reported with the folder to delete, not silently used', async () => {
  const { dir, cacheRoot } = corpusFolder({ 'a.txt': prose(50), 'b/1.txt': prose(30) });
  const { cacheDir } = await prepareCorpus(twoDomains, { configDir: dir, cacheRoot });
  const trainFile = join(cacheDir, '0.train.bin');
  writeFileSync(trainFile, readFileSync(trainFile).subarray(0, 10));
  await assert.rejects(prepareCorpus(twoDomains, { configDir: dir, cacheRoot }), { name: 'UserError', message: /token cache .* is damaged .*delete that folder/ });
});
