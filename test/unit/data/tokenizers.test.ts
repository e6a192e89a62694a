import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { createTokenizer } from '../../../daemon/data';
import { BYTE_END_OF_DOCUMENT } from '../../../daemon/data/tokenizers/byte';
import { safeCutIndex } from '../../../daemon/data/safe-cut';
import { corpusFolder, FIXTURES } from './helpers';

const SAMPLES = ['', 'plain ASCII text.', 'Ünïcödé, 漢字 and an emoji 😀', 'tabs\tand\nnew\r\nlines  ', '<|endoftext|> quoted as text'];

test('byte tokenizer: one token per UTF-8 byte, exact round trip, 0xFF ends a document', async () => {
  const byte = await createTokenizer('byte', '.');
  assert.equal(byte.vocabSize, 256);
  assert.deepEqual(byte.encode('é'), [0xc3, 0xa9]);
  for (const text of SAMPLES) assert.equal(byte.decode(byte.encode(text)), text);
  assert.deepEqual(byte.documentSeparator, [BYTE_END_OF_DOCUMENT]);
  assert.equal(byte.decode([...byte.encode('one'), BYTE_END_OF_DOCUMENT, ...byte.encode('two')]), 'one<|endoftext|>two');
});

test('gpt2 tokenizer: vocabulary 50257, round trip, <|endoftext|> in a document stays text', async () => {
  const gpt2 = await createTokenizer('gpt2', '.');
  assert.equal(gpt2.vocabSize, 50257);
  assert.deepEqual(gpt2.documentSeparator, [50256]);
  for (const text of SAMPLES) assert.equal(gpt2.decode(gpt2.encode(text)), text);
  assert.ok(!gpt2.encode('<|endoftext|>').includes(50256));
  assert.equal(gpt2.decode([50256]), '<|endoftext|>');
});

test('huggingface tokenizer.json: loads, applies merges, round trips, separates with its <|endoftext|>', async () => {
  const hf = await createTokenizer({ huggingface: 'tokenizer.json' }, FIXTURES);
  assert.equal(hf.name, 'huggingface:tokenizer.json');
  assert.equal(hf.vocabSize, 262);
  assert.deepEqual(hf.documentSeparator, [261]);
  assert.deepEqual(hf.encode(' the'), [258], 'the merges "Ġ t" and "Ġt he" make " the" one token');
  for (const text of SAMPLES.filter((t) => !t.includes('<|endoftext|>'))) assert.equal(hf.decode(hf.encode(text)), text);
});

test('huggingface tokenizer: its identity follows the file content, not its name', async () => {
  const original = await createTokenizer({ huggingface: join(FIXTURES, 'tokenizer.json') }, '.');
  const json = JSON.parse(readFileSync(join(FIXTURES, 'tokenizer.json'), 'utf8'));
  json.model.merges.pop();
  const { dir } = corpusFolder({ 'tokenizer.json': JSON.stringify(json) });
  const edited = await createTokenizer({ huggingface: 'tokenizer.json' }, dir);
  assert.equal(edited.name, original.name);
  assert.notEqual(edited.identity, original.identity);
});

test('huggingface tokenizer: a missing or unloadable file is a one-sentence error naming it', async () => {
  await assert.rejects(createTokenizer({ huggingface: 'nope.json' }, FIXTURES), { name: 'UserError', message: /nope\.json.*check data\.tokenizer\.huggingface/ });
  const { dir } = corpusFolder({ 'bad.json': '{"model": {"type": "Mystery"}}' });
  await assert.rejects(createTokenizer({ huggingface: 'bad.json' }, dir), { name: 'UserError', message: /bad\.json is not a tokenizer\.json/ });
});

test('huggingface tokenizer: a file that is not JSON is placed by line and column, never quoted', async () => {
  const { dir } = corpusFolder({ 'secret.txt': 'first line\nTOPSECRET-1234 on the second' });
  await assert.rejects(createTokenizer({ huggingface: 'secret.txt' }, dir), (error: Error) => {
    assert.match(error.message, /secret\.txt is not a tokenizer\.json that @huggingface\/tokenizers can load: not valid JSON \(unexpected character at line 1, column 1\)$/);
    return !error.message.includes('TOPSECRET');
  });
});

test('cutting a text where safeCutIndex says gives the same tokens as encoding it whole', async () => {
  const tokenizers = [await createTokenizer('gpt2', '.'), await createTokenizer({ huggingface: 'tokenizer.json' }, FIXTURES)];
  const pieces = fc.constantFrom('the', ' ', '  ', '\n', '\n\n', 'river', "'s", '42', '.', 'é', '😀', '\t', 'x');
  fc.assert(
    fc.property(fc.array(pieces, { minLength: 1, maxLength: 30 }), (parts) => {
      const text = parts.join('');
      const cut = safeCutIndex(text);
      for (const tokenizer of tokenizers) {
        assert.deepEqual([...tokenizer.encode(text.slice(0, cut)), ...tokenizer.encode(text.slice(cut))], tokenizer.encode(text));
      }
    }),
    { numRuns: 300 },
  );
});
