import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, evaluationSet, summariseValidation } from '../../../daemon/train/evaluation';
import { byteDomains } from './fixtures';

test('uniform and token-weighted averages of per-domain validation losses', () => {
  assert.deepEqual(summariseValidation([1, 3], [300, 100]), { losses: [1, 3], uniform: 2, tokenWeighted: 1.5 });
});

test('evaluation packs every domain\'s fixed windows into full batches and averages per domain', async () => {
  const domains = byteDomains({ a: 'x'.repeat(2000), b: 'y'.repeat(1000) }, 0.2);
  const set = evaluationSet(domains, 8, 4, 2);
  assert.deepEqual(set.batches.map((b) => b.batch.size), [4, 4, 4, 4]);
  assert.deepEqual(Array.from(set.batches.flatMap((b) => Array.from(b.domainOfSample))), [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
  // A stand-in model whose loss is the input token's byte value.
  const result = await evaluate(set, async (batch) => Float32Array.from({ length: batch.size }, (_, i) => batch.inputs[i * batch.length]));
  assert.deepEqual(result.losses, ['x'.charCodeAt(0), 'y'.charCodeAt(0)]);
  assert.deepEqual(set.validationTokens, [400, 200]);
});
