import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evenlySpacedIndices, fitEventFromPolicyStep, predictLoss } from '../../../daemon/events/policy-events';
import type { RefitReport } from '../../../daemon/mixture/policy';

test('evenlySpacedIndices keeps everything when short, else first, last and an even spread', () => {
  assert.deepEqual(evenlySpacedIndices(3, 5), [0, 1, 2]);
  assert.deepEqual(evenlySpacedIndices(11, 3), [0, 5, 10]);
  const many = evenlySpacedIndices(10_000, 200);
  assert.equal(many.length, 200);
  assert.equal(many[0], 0);
  assert.equal(many.at(-1), 9_999);
  assert.ok(many.every((v, i) => i === 0 || v > many[i - 1]));
});

test('predictLoss evaluates ε + β·n^(−α)', () => {
  const law = { logBeta: Math.log(2), logEps: Math.log(1.5), alpha: 0.5 };
  assert.ok(Math.abs(predictLoss(law, 4) - (1.5 + 2 / 2)) < 1e-12);
});

test('a refit becomes a fit event with predictions, preference and decimated points', () => {
  const length = 1_000;
  const refit: RefitReport = {
    step: 999,
    laws: [
      { logBeta: 0, logEps: 0, alpha: 1 },
      { logBeta: Math.log(3), logEps: Math.log(2), alpha: 0.5 },
    ],
    objectives: [0.1, 0.2],
    n: [Array.from({ length }, (_, i) => i + 1), Array.from({ length }, (_, i) => i + 1)],
    smoothedLoss: [Array.from({ length }, (_, i) => 10 - i / 1000), Array.from({ length }, () => 3)],
  };
  const event = fitEventFromPolicyStep({ weights: new Float64Array([0.5, 0.5]), refit, preference: new Float64Array([0.3, 0.7]) }, 4);
  assert.ok(event);
  assert.equal(event.type, 'fit');
  assert.equal(event.step, 999);
  assert.equal(event.n, 4);
  assert.equal(event.nByDomain, undefined, 'one n for all domains');
  assert.deepEqual(event.predicted, [1 + 1 / 4, 2 + 3 / 2]);
  assert.deepEqual(event.preference, [0.3, 0.7]);
  assert.equal(event.points.n.length, 200);
  assert.equal(event.points.loss.length, 2);
  assert.ok(event.points.loss.every((series) => series.length === 200));
  assert.equal(event.points.n[199], 1000);
  assert.equal(event.points.loss[0][0], 10);
  assert.ok(JSON.parse(JSON.stringify(event)));
});

test('with per-domain counts, each domain keeps its own n: current n, prediction and points', () => {
  const refit: RefitReport = {
    step: 99,
    laws: [
      { logBeta: 0, logEps: 0, alpha: 1 },
      { logBeta: 0, logEps: 0, alpha: 1 },
    ],
    objectives: [0.1, 0.2],
    // Domain 1 was sampled late, so it has fewer points, at other n.
    n: [Array.from({ length: 300 }, (_, i) => i + 1), [5, 6, 7]],
    smoothedLoss: [Array.from({ length: 300 }, () => 4), [3, 2.9, 2.8]],
    ownN: [300, 8],
  };
  const event = fitEventFromPolicyStep({ weights: new Float64Array([0.9, 0.1]), refit }, 308);
  assert.ok(event);
  assert.deepEqual([event.n, event.nByDomain], [300, [300, 8]]);
  assert.deepEqual(event.predicted, [1 + 1 / 300, 1 + 1 / 8]);
  assert.deepEqual(event.points.nByDomain?.map((ns) => ns.length), [200, 3]);
  assert.deepEqual(event.points.nByDomain?.[1], [5, 6, 7]);
  assert.deepEqual(event.points.loss[1], [3, 2.9, 2.8]);
  assert.deepEqual(event.points.n, event.points.nByDomain?.[0]);
});

test('no refit, no fit event', () => {
  assert.equal(fitEventFromPolicyStep({ weights: new Float64Array([1]) }, 1), null);
});
