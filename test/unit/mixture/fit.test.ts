import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScalingLawFitter, START_GRID, type FitSettings } from '../../../daemon/mixture/fit';
import { Random } from '../../../daemon/util/random';

const PAPER: Omit<FitSettings, 'starts'> = { huberDelta: 1e-3, minLogEps: 0.5, maxLogBeta: 6.5, maxAlpha: 0.8, maxIterations: 200, tolerance: 1e-5 };

/** L = exp(e) + exp(a)·n^−α at n = (t+1)·256, with log-normal noise of scale `sigma`. */
function curve([a, e, alpha]: number[], steps: number[], sigma = 0, seed = 1) {
  const random = new Random(seed);
  const logN = Float64Array.from(steps, (t) => Math.log((t + 1) * 256));
  const logLoss = Float64Array.from(logN, (x) => Math.log(Math.exp(e) + Math.exp(a - alpha * x)) + sigma * random.normal());
  return { logN, logLoss };
}

const range = (from: number, to: number, step: number) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

test('the start grid is the reference 8×8×8 grid', () => {
  assert.equal(START_GRID.length, 512);
  const values = (j: number) => [...new Set(START_GRID.map((s) => Math.round(s[j] * 10) / 10))].sort((p, q) => p - q);
  assert.deepEqual(values(0), [-2, -1, 0, 1, 2, 3, 4, 5]);
  assert.deepEqual(values(1), [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5]);
  assert.deepEqual(values(2), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
});

test('recovers (a, e, α) = (4, 0.8, 0.35) from the reference recovery curve (t = 1000..3000 step 10)', () => {
  const { law, objective } = new ScalingLawFitter({ ...PAPER, starts: 'fast' }).fit(curve([4, 0.8, 0.35], range(1000, 3000, 10)));
  assert.ok(Math.abs(law.logBeta - 4) < 1e-3 && Math.abs(law.logEps - 0.8) < 1e-4 && Math.abs(law.alpha - 0.35) < 1e-4, JSON.stringify(law));
  // Every residual vanishes; what remains is the constant −min(α, 0.001).
  assert.ok(Math.abs(objective + 0.001) < 1e-9, `objective ${objective}`);
});

test('recovers known laws from noisy curves', () => {
  const fitter = new ScalingLawFitter({ ...PAPER, starts: 'fast' });
  const cases = [
    [4, 0.8, 0.35],
    [2.5, 1.2, 0.2],
    [5.5, 0.6, 0.5],
    [1.5, 1.4, 0.15],
  ];
  for (const truth of cases) {
    for (const [sigma, seed] of [[0.001, 3], [0.003, 4]]) {
      const { law } = fitter.fit(curve(truth, range(100, 10090, 10), sigma, seed));
      const error = [law.logBeta - truth[0], law.logEps - truth[1], law.alpha - truth[2]];
      assert.ok(Math.abs(error[0]) < 0.05 && Math.abs(error[1]) < 0.005 && Math.abs(error[2]) < 0.005, `truth ${truth}, σ ${sigma}: error ${error}`);
    }
  }
});

test('the soft bounds pull a fit with few points inside them', () => {
  // Losses under e^0.5: with 30 points the penalty's unit slope outweighs the Huber sum.
  const { law } = new ScalingLawFitter({ ...PAPER, starts: 'fast' }).fit(curve([3, 0.2, 0.3], range(1000, 1290, 10)));
  assert.ok(law.logEps >= 0.5 - 1e-9 && law.alpha <= 0.8 + 1e-9 && law.logBeta <= 6.5 + 1e-9, JSON.stringify(law));
});

test('a warm start at the answer stays there', () => {
  const fitter = new ScalingLawFitter({ ...PAPER, starts: 'fast' });
  const points = curve([3.2, 0.9, 0.3], range(500, 2500, 10), 0.002, 9);
  const cold = fitter.fit(points);
  const warm = fitter.fit(points, cold.law);
  assert.ok(warm.objective <= cold.objective + 1e-12, `${warm.objective} vs ${cold.objective}`);
});

test('no points, no law: both strategies return NaN, which a refit rejects', () => {
  for (const starts of ['full', 'fast'] as const) {
    const { law, objective } = new ScalingLawFitter({ ...PAPER, starts }).fit({ logN: new Float64Array(0), logLoss: new Float64Array(0) });
    assert.ok(Number.isNaN(objective) && Number.isNaN(law.alpha), starts);
  }
});
