import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupLossesByDomain, mean, sampleDomains } from '../../../daemon/train/domain-batch';
import { Random } from '../../../daemon/util/random';

test('sampled domain frequencies follow the weights (chi-square, fixed seed)', () => {
  const weights = [0.5, 0.3, 0.15, 0.05];
  const draws = 20_000;
  const domains = sampleDomains(weights, draws, new Random(42));
  const observed = [0, 0, 0, 0];
  for (const k of domains) observed[k]++;
  const chiSquare = observed.reduce((sum, o, k) => sum + (o - draws * weights[k]) ** 2 / (draws * weights[k]), 0);
  // 3 degrees of freedom: P(χ² > 16.27) = 0.001.
  assert.ok(chiSquare < 16.27, `χ² = ${chiSquare}, counts ${observed}`);
});

test('a zero weight is never drawn, and the same seed draws the same domains', () => {
  const a = sampleDomains([0.5, 0, 0.5], 1000, new Random(3));
  assert.ok(!a.includes(1));
  assert.deepEqual(a, sampleDomains([0.5, 0, 0.5], 1000, new Random(3)));
});

test('per-sample losses group into per-domain counts and means, null where a domain is absent', () => {
  const feedback = groupLossesByDomain([2, 0, 2, 2], Float32Array.from([1, 4, 2, 6]), 3);
  assert.deepEqual(feedback, { counts: [1, 0, 3], losses: [4, null, 3] });
  assert.equal(mean([1, 2, 6]), 3);
});
