import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { prepareCorpus } from '../../../daemon/data';
import type { DataConfig } from '../../../shared/config/schema';
import { configWithData, corpusFolder, FIXTURES, prose } from './helpers';

/** Prepares `data` over `files` and expects a UserError whose message matches every pattern. */
async function assertFails(files: Record<string, string | Uint8Array>, data: Partial<DataConfig>, ...patterns: RegExp[]) {
  const { dir, cacheRoot } = corpusFolder(files);
  await assert.rejects(prepareCorpus(configWithData(data), { configDir: dir, cacheRoot }), (error: Error) => {
    assert.equal(error.name, 'UserError', error.stack);
    for (const pattern of patterns) assert.match(error.message, pattern);
    return true;
  });
}

const oneDomain = (path: string, format?: 'text' | 'jsonl'): Partial<DataConfig> => ({ domains: [{ name: 'd', path, ...(format ? { format } : {}) }] });
const jsonl = (...records: unknown[]) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
const pileLine = (text: string, domain?: string) => ({ text, ...(domain ? { meta: { pile_set_name: domain } } : {}) });
const pileSource = (extra: object = {}): Partial<DataConfig> => ({
  source: { jsonl: 'pile.jsonl', domainKey: 'meta.pile_set_name', textKey: 'text', ...extra },
});

test('a missing file or folder names the path and the config key to fix', async () => {
  await assertFails({}, oneDomain('nowhere.txt'), /nowhere\.txt does not exist/, /data\.domains\[0\]\.path/, /relative to the config file/);
  await assertFails({}, { source: { jsonl: ['a.jsonl'], domainKey: 'meta.pile_set_name', textKey: 'text' } }, /a\.jsonl does not exist/, /data\.source\.jsonl\[0\]/);
});

test('an empty domain is an error naming it: empty file, folder without files, JSONL without text', async () => {
  await assertFails({ 'empty.txt': '' }, oneDomain('empty.txt'), /domain "d" \(.*empty\.txt\) has no text/);
  await assertFails({ 'folder/.gitkeep': '' }, oneDomain('folder'), /domain "d" \(.*folder\) is a folder with no files/);
  await assertFails({ 'blank.jsonl': jsonl({ text: '' }, { text: '' }) }, oneDomain('blank.jsonl'), /blank\.jsonl\) has no text/);
});

test('a domain shorter than one window says how many tokens it has and needs', async () => {
  // 20 bytes + separator = 21 tokens; a quarter held out leaves 16 for training, below 33.
  await assertFails({ 'short.txt': 'twenty bytes of text' }, { ...oneDomain('short.txt'), contextLength: 32 }, /short\.txt\) has 16 training tokens but one window needs 33/, /lower data\.contextLength/);
  await assertFails(
    { 'tail.txt': prose(20) },
    { ...oneDomain('tail.txt'), validationFraction: 0.01 },
    /tail\.txt\) holds out 1 validation tokens but one window needs 9/,
    /raise data\.validationFraction \(now 0\.01\) to at least 0\.0\d+/,
  );
});

test('invalid UTF-8 names the file and the byte offset', async () => {
  const bad = Buffer.concat([Buffer.from('valid start '), Buffer.from([0xff]), Buffer.from(' more')]);
  await assertFails({ 'latin.txt': bad }, oneDomain('latin.txt'), /latin\.txt is not valid UTF-8 at byte 12;/, /convert it to UTF-8/);
  const truncated = Buffer.concat([Buffer.from('ends inside a euro '), Buffer.from('€').subarray(0, 2)]);
  await assertFails({ 'cut.txt': truncated }, oneDomain('cut.txt'), /cut\.txt is not valid UTF-8 at byte 19;/);
});

test('invalid UTF-8 in JSONL names the line and the byte offset', async () => {
  const lines = Buffer.concat([Buffer.from(jsonl({ text: 'fine' })), Buffer.from('{"text": "caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]);
  await assertFails({ 'd.jsonl': lines }, oneDomain('d.jsonl'), /d\.jsonl:2: not valid UTF-8 at byte 29/);
});

test('a malformed JSONL line stops with its line number under malformedLines "fail"', async () => {
  const lines = jsonl({ text: prose(30) }, '{"text": unquoted}', { text: prose(30) });
  await assertFails({ 'd.jsonl': lines }, oneDomain('d.jsonl'), /d\.jsonl:2: not valid JSON/, /set data\.malformedLines to "skip"/);
  await assertFails({ 'd.jsonl': jsonl({ text: prose(30) }, { body: 'no text key' }) }, oneDomain('d.jsonl'), /d\.jsonl:2: no string at "text"/);
});

test('malformed JSONL lines are skipped, counted and reported under malformedLines "skip"', async () => {
  const lines = jsonl({ text: prose(30, 1) }, 'not json', [1, 2], { text: prose(30, 2) }, { text: 7 });
  const { dir, cacheRoot } = corpusFolder({ 'd.jsonl': lines });
  const corpus = await prepareCorpus(configWithData({ ...oneDomain('d.jsonl'), malformedLines: 'skip' }), { configDir: dir, cacheRoot });
  assert.equal(corpus.warnings.length, 1);
  assert.match(corpus.warnings[0], /d\.jsonl: skipped 3 malformed lines \(first at line 2: not valid JSON/);
  assert.equal(corpus.domains[0].train.length + corpus.domains[0].validation.length, 2 * (prose(30, 1).length + 1));
});

test('a malformed JSONL line is described by its column, never quoted: the message may reach any daemon client', async () => {
  const secret = jsonl({ text: prose(30) }, 'TOPSECRET-1234 is what this line holds', '{"text": "TOPSECRET-5678",}');
  await assertFails({ 'd.jsonl': secret }, oneDomain('d.jsonl'), /d\.jsonl:2: not valid JSON \(unexpected character at column 1\); fix the line/, /^(?![^]*TOPSECRET)/);
  const { dir, cacheRoot } = corpusFolder({ 'd.jsonl': secret + jsonl({ text: prose(30, 1) }) });
  const corpus = await prepareCorpus(configWithData({ ...oneDomain('d.jsonl'), malformedLines: 'skip' }), { configDir: dir, cacheRoot });
  assert.deepEqual(corpus.warnings, [`${join(dir, 'd.jsonl')}: skipped 2 malformed lines (first at line 2: not valid JSON (unexpected character at column 1))`]);
});

test('a Pile line without a domain name is a malformed line', async () => {
  const lines = jsonl(pileLine(prose(30), 'A'), pileLine(prose(30)));
  await assertFails({ 'pile.jsonl': lines }, pileSource(), /pile\.jsonl:2: no domain name \(a non-empty string\) at "meta\.pile_set_name"/);
});

test('a domain listed in data.source.domains without documents is an error naming it', async () => {
  const { dir, cacheRoot } = corpusFolder({});
  const config = configWithData({
    validationFraction: 0.3,
    source: { jsonl: join(FIXTURES, 'pile.jsonl'), domainKey: 'meta.pile_set_name', textKey: 'text', domains: ['Github', 'ArXiv'] },
  });
  await assert.rejects(prepareCorpus(config, { configDir: dir, cacheRoot }), {
    name: 'UserError',
    message: /data\.source\.domains lists "ArXiv", but no document with text in .*pile\.jsonl has "meta\.pile_set_name": "ArXiv"/,
  });
});

test('a damaged compressed file names the file and the compression', async () => {
  await assertFails({ 'd.txt.gz': 'this is not gzip data' }, oneDomain('d.txt.gz'), /cannot read .*d\.txt\.gz as gzip/);
  await assertFails({ 'd.jsonl.zst': 'nor is this zstd' }, oneDomain('d.jsonl.zst'), /cannot read .*d\.jsonl\.zst as zstd/);
});
