import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planFinalLoss, type FinalLossProblem } from '../../../daemon/mixture/final-loss-plan';
import type { ScalingLaw } from '../../../daemon/mixture/policy';

const law = (logBeta: number, alpha: number, logEps = 0.5): ScalingLaw => ({ logBeta, logEps, alpha });

function predictedFinalLoss(p: FinalLossProblem, x: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < p.laws.length; k++) {
    const { logBeta, logEps, alpha } = p.laws[k];
    total += p.targets[k] * (Math.exp(logEps) + Math.exp(logBeta) * (p.samplesSeen[k] + x[k] * p.remaining) ** -alpha);
  }
  return total;
}

/** The best point of a 0.001 grid over the 3-domain simplex within the bounds. */
function gridOptimum(p: FinalLossProblem): { x: number[]; loss: number } {
  let best = { x: [0, 0, 0], loss: Infinity };
  for (let i = 0; i <= 1000; i++) {
    for (let j = 0; i + j <= 1000; j++) {
      const x = [i / 1000, j / 1000, (1000 - i - j) / 1000];
      if (x.some((v, k) => v < p.lo[k] - 1e-12 || v > p.hi[k] + 1e-12)) continue;
      const loss = predictedFinalLoss(p, x);
      if (loss < best.loss) best = { x, loss };
    }
  }
  return best;
}

const sum = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0);

const problems: [string, FinalLossProblem][] = [
  ['different exponents, equal history', {
    laws: [law(3, 0.3), law(4, 0.45), law(2, 0.2)],
    samplesSeen: [200, 200, 200], remaining: 3000, targets: [1 / 3, 1 / 3, 1 / 3], lo: [0.01, 0.01, 0.01], hi: [1, 1, 1],
  }],
  ['unequal history and targets', {
    laws: [law(3.5, 0.35), law(3.5, 0.35), law(5, 0.6)],
    samplesSeen: [50, 400, 120], remaining: 800, targets: [0.6, 0.1, 0.3], lo: [0.01, 0.01, 0.01], hi: [1, 1, 1],
  }],
  ['a cap binds', {
    laws: [law(6, 0.7), law(2, 0.3), law(2.5, 0.25)],
    samplesSeen: [100, 100, 100], remaining: 5000, targets: [1 / 3, 1 / 3, 1 / 3], lo: [0.05, 0.05, 0.05], hi: [0.4, 1, 1],
  }],
];

for (const [name, problem] of problems) {
  test(`the plan is the grid's optimum (${name})`, () => {
    const x = planFinalLoss(problem);
    const grid = gridOptimum(problem);
    assert.ok(Math.abs(sum(x) - 1) < 1e-12, `shares sum to ${sum(x)}`);
    x.forEach((v, k) => assert.ok(v >= problem.lo[k] - 1e-12 && v <= problem.hi[k] + 1e-12, `x[${k}] = ${v} is outside its bounds`));
    assert.ok(predictedFinalLoss(problem, x) <= grid.loss + 1e-12, `plan ${predictedFinalLoss(problem, x)} vs grid ${grid.loss}`);
    x.forEach((v, k) => assert.ok(Math.abs(v - grid.x[k]) < 2e-3, `x[${k}] = ${v}, grid ${grid.x[k]}`));
  });
}

test('equal laws, histories and targets give equal shares', () => {
  const x = planFinalLoss({
    laws: Array.from({ length: 5 }, () => law(3, 0.3)), samplesSeen: [90, 90, 90, 90, 90], remaining: 1000,
    targets: [0.2, 0.2, 0.2, 0.2, 0.2], lo: [0.01, 0.01, 0.01, 0.01, 0.01], hi: [1, 1, 1, 1, 1],
  });
  x.forEach((v) => assert.ok(Math.abs(v - 0.2) < 1e-12, `${Array.from(x)}`));
});

test('a domain whose law is flat gets δmin, the rest share what is left', () => {
  const x = planFinalLoss({
    laws: [law(3, 0.3), law(3, 0), law(3, 0.3)], samplesSeen: [100, 100, 100], remaining: 1000,
    targets: [1 / 3, 1 / 3, 1 / 3], lo: [0.02, 0.02, 0.02], hi: [1, 1, 1],
  });
  assert.equal(x[1], 0.02);
  assert.ok(Math.abs(x[0] - 0.49) < 1e-12 && Math.abs(x[2] - 0.49) < 1e-12, `${Array.from(x)}`);
});

test('a domain that is not a target gets its floor, whatever its law', () => {
  const x = planFinalLoss({
    laws: [law(6, 0.7), law(3, 0.3)], samplesSeen: [10, 10], remaining: 1000, targets: [0, 1], lo: [0.05, 0.05], hi: [1, 1],
  });
  assert.equal(x[0], 0.05);
  assert.ok(Math.abs(x[1] - 0.95) < 1e-12, `${Array.from(x)}`);
});

test('with no domain predicted to improve, the spare share follows the targets', () => {
  const x = planFinalLoss({
    laws: [law(3, 0), law(3, 0)], samplesSeen: [10, 10], remaining: 100, targets: [0.75, 0.25], lo: [0.1, 0.1], hi: [1, 1],
  });
  assert.ok(Math.abs(x[0] - 0.7) < 1e-12 && Math.abs(x[1] - 0.3) < 1e-12, `${Array.from(x)}`);
});

test('a domain far behind in samples is given more of the budget than its twin', () => {
  const x = planFinalLoss({
    laws: [law(3, 0.4), law(3, 0.4)], samplesSeen: [10, 500], remaining: 1000, targets: [0.5, 0.5], lo: [0.01, 0.01], hi: [1, 1],
  });
  // Equal marginal gains mean equal final n: 10 + x·1000 = 500 + (1 − x)·1000.
  assert.ok(Math.abs(x[0] - 0.745) < 1e-9, `${Array.from(x)}`);
});
