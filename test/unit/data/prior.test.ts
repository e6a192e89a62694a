import { test } from 'node:test';
import assert from 'node:assert/strict';
import { naturalPrior, prepareCorpus, resolvePrior } from '../../../daemon/data';
import { configWithData, corpusFolder, prose } from './helpers';

test('the natural prior is each domain\'s share of training tokens', async () => {
  const { dir, cacheRoot } = corpusFolder({ 'a.txt': prose(100, 1), 'b.txt': prose(300, 2), 'c.txt': prose(600, 3) });
  const config = configWithData({ domains: ['a', 'b', 'c'].map((name) => ({ name, path: `${name}.txt` })) });
  const corpus = await prepareCorpus(config, { configDir: dir, cacheRoot });
  const trainTokens = corpus.domains.map((d) => d.train.length);
  const total = trainTokens.reduce((sum, n) => sum + n, 0);
  const prior = naturalPrior(corpus);
  assert.deepEqual([...prior], trainTokens.map((n) => n / total));
  assert.ok(prior[2] > prior[1] && prior[1] > prior[0]);
});

test('resolvePrior: natural, balanced, or named weights normalised in domain order', () => {
  const natural = Float64Array.from([0.5, 0.3, 0.2]);
  const domains = ['a', 'b', 'c'];
  assert.deepEqual([...resolvePrior('natural', domains, natural)], [0.5, 0.3, 0.2]);
  assert.deepEqual([...resolvePrior('balanced', domains, natural)], [1 / 3, 1 / 3, 1 / 3]);
  assert.deepEqual([...resolvePrior({ c: 2, a: 1, b: 1 }, domains, natural)], [0.25, 0.25, 0.5]);
});

test('resolvePrior: a weight for an unknown domain, or none for a known one, is a clear error', () => {
  const natural = Float64Array.from([0.5, 0.5]);
  assert.throws(() => resolvePrior({ a: 1, b: 1, z: 1 }, ['a', 'b'], natural), { name: 'UserError', message: /mixture\.prior names "z"/ });
  assert.throws(() => resolvePrior({ a: 1 }, ['a', 'b'], natural), { name: 'UserError', message: /no positive weight to "b"/ });
});
