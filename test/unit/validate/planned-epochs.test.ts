import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig } from '../../../shared/config';
import { plannedEpochDiagnostics } from '../../../daemon/validate/planned-epochs';
import { tempDir } from '../../helpers/temp-dir';

/** A config dir with a 1,000-byte and a 9,000-byte domain; 10 steps × 4 × 25 = 1,000 tokens. */
function setup(data: object = {}, mixture: object = {}, extension = 'txt') {
  const dir = tempDir('ado-epochs-');
  writeFileSync(join(dir, `small.${extension}`), 'a'.repeat(1000));
  writeFileSync(join(dir, `large.${extension}`), 'b'.repeat(9000));
  const text = JSON.stringify(
    {
      version: 1,
      name: 'epochs',
      data: { contextLength: 25, validationFraction: 0.5, domains: [{ name: 'small', path: `small.${extension}` }, { name: 'large', path: `large.${extension}` }], ...data },
      training: { steps: 10, batchSize: 4 },
      mixture: { policy: 'natural', ...mixture },
    },
    null,
    2,
  );
  const { config } = validateConfig(text);
  assert.ok(config);
  return plannedEpochDiagnostics(text, config, dir);
}

test('with the byte tokenizer, file sizes give the planned epochs at the prior', async () => {
  // balanced: "small" gets 500 tokens of its 500 training tokens: 1 epoch; "large" 500 of 4,500.
  const [d, ...rest] = await setup({}, { prior: 'balanced', maxEpochs: 0.5 });
  assert.deepEqual(rest, []);
  assert.equal(d.severity, 'warning');
  assert.equal(d.code, 'epochs');
  assert.equal(d.path, 'mixture.maxEpochs');
  assert.match(d.message, /^domain "small" would be repeated about 1\.0 times, more than mixture\.maxEpochs allows \(0\.5\), if sampled at its starting weight 0\.500 .*keep its weight below 0\.25 .*one token per byte\)$/);
});

test('caps and the fixed policy change the starting distribution; a per-domain limit is reported on its entry', async () => {
  assert.deepEqual(await setup({}, { prior: 'balanced', maxEpochs: 0.5, caps: { small: { max: 0.2 } } }), []);
  const [d] = await setup({}, { policy: 'fixed', fixed: { weights: { small: 0.1, large: 0.9 } }, maxEpochs: { large: 0.1 } });
  assert.equal(d.path, 'mixture.maxEpochs.large');
  assert.match(d.message, /"large" would be repeated about 0\.2 times/);
});

test('a BPE tokenizer is an estimate at about 4 bytes per token', async () => {
  const [d] = await setup({ tokenizer: 'gpt2' }, { prior: 'balanced', maxEpochs: 2 });
  assert.match(d.message, /"small" would be repeated about 4\.0 times.*about 4 bytes per token; training checks again with exact counts\)$/);
});

test('nothing without maxEpochs, for compressed files, or when a file is missing', async () => {
  assert.deepEqual(await setup({}, { prior: 'balanced' }), []);
  assert.deepEqual(await setup({}, { prior: 'balanced', maxEpochs: 0.5 }, 'jsonl.gz'), []);
  assert.deepEqual(await setup({ domains: [{ name: 'gone', path: 'missing.txt' }] }, { maxEpochs: 0.5 }), []);
});
