import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ScalingLawObjective, predictLoss, type Curvature } from '../../../daemon/mixture/scaling-law';

const PAPER_BOUNDS = { huberDelta: 1e-3, minLogEps: 0.5, maxLogBeta: 6.5, maxAlpha: 0.8 };
const vectorPoints = { logN: Float64Array.from([256000, 512000, 1024000], Math.log), logLoss: Float64Array.from([3.2, 3.0, 2.85], Math.log) };

test('the objective matches the reference loss_fn on all four test vectors', () => {
  const objective = new ScalingLawObjective(vectorPoints, PAPER_BOUNDS);
  const gradient = new Float64Array(3);
  const rows: [number[], number][] = [
    [[1, 0.7, 0.3], 0.00012905678171453577],
    [[5, 1, 0.4], -0.0005471680607904237],
    [[0, 0, 0], 0.5012281405510746],
    [[7, 0.2, 0.9], 0.9016854710427407],
  ];
  for (const [theta, expected] of rows) {
    const value = objective.valueAndGradient(theta, gradient);
    assert.ok(Math.abs(value - expected) <= 1e-12 * Math.abs(expected), `θ = ${theta}: ${value} vs ${expected}`);
  }
});

/** Noisy points of a plausible curve, and a θ at least `margin` away from every penalty kink. */
const curveAndTheta = fc.record({
  count: fc.integer({ min: 3, max: 60 }),
  seed: fc.integer({ min: 1, max: 1000 }),
  noise: fc.constantFrom(1e-4, 3e-3, 3e-2),
  theta: fc.tuple(fc.double({ min: -3, max: 9, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -0.3, max: 1.2, noNaN: true })),
});

function points(count: number, seed: number, noise: number) {
  const logN = Float64Array.from({ length: count }, (_, i) => Math.log(256 * (1000 + 37 * i)));
  const logLoss = Float64Array.from(logN, (x, i) => Math.log(Math.exp(0.7) + Math.exp(3 - 0.3 * x)) + noise * Math.sin(seed * (i + 1)));
  return { logN, logLoss };
}

function awayFromKinks(theta: number[], margin: number): boolean {
  const [a, e, alpha] = theta;
  return [a - 6.5, e - 0.5, alpha - 0.8, alpha - 0.001].every((d) => Math.abs(d) > margin);
}

test('the gradient agrees with central finite differences', () => {
  fc.assert(
    fc.property(curveAndTheta, ({ count, seed, noise, theta }) => {
      fc.pre(awayFromKinks(theta, 1e-3));
      const objective = new ScalingLawObjective(points(count, seed, noise), PAPER_BOUNDS);
      const gradient = new Float64Array(3);
      objective.valueAndGradient(theta, gradient);
      const scratch = new Float64Array(3);
      for (let j = 0; j < 3; j++) {
        const numeric = centralDifference(theta, j, (at) => objective.valueAndGradient(at, scratch));
        // Huber's second derivative jumps at |r| = δ, so the difference quotient is only accurate to O(h·count).
        assert.ok(Math.abs(numeric - gradient[j]) <= 1e-5 * (1 + Math.abs(gradient[j])) + 1e-6 * count, `∂/∂θ${j}: ${gradient[j]} vs ${numeric}`);
      }
    }),
    { numRuns: 200 },
  );
});

test('the exact curvature is the derivative of the data gradient', () => {
  fc.assert(
    fc.property(curveAndTheta, ({ count, seed, noise, theta }) => {
      const objective = new ScalingLawObjective(points(count, seed, noise), PAPER_BOUNDS, 2.5);
      const curvature: Curvature = { exact: new Float64Array(9), robust: new Float64Array(9) };
      objective.dataTerm(theta, new Float64Array(3), curvature);
      const gradient = new Float64Array(3);
      for (let j = 0; j < 3; j++) {
        for (let i = 0; i < 3; i++) {
          const numeric = centralDifference(theta, j, (at) => {
            objective.dataTerm(at, gradient.fill(0), null);
            return gradient[i];
          });
          assert.ok(Math.abs(numeric - curvature.exact[i * 3 + j]) <= 1e-4 * (1 + Math.abs(numeric)) + 1e-3, `H[${i}][${j}]: ${curvature.exact[i * 3 + j]} vs ${numeric}`);
        }
      }
    }),
    { numRuns: 200 },
  );
});

test('at a penalty kink the gradient takes half the slope, as JAX does at ties', () => {
  const objective = new ScalingLawObjective(vectorPoints, PAPER_BOUNDS);
  const atKink = new Float64Array(3);
  const above = new Float64Array(3);
  objective.valueAndGradient([2, 0.5, 0.3], atKink);
  objective.valueAndGradient([2, 0.5 + 1e-12, 0.3], above);
  assert.ok(Math.abs(atKink[1] - (above[1] - 0.5)) < 1e-6, `${atKink[1]} vs ${above[1]} − 0.5`);
});

test('predictLoss is exp(e) + exp(a)·n^−α', () => {
  assert.ok(Math.abs(predictLoss({ logBeta: 4, logEps: 0.8, alpha: 0.35 }, 256e3) - (Math.exp(0.8) + Math.exp(4) * 256e3 ** -0.35)) < 1e-12);
});

/** (f(θ + h·e_j) − f(θ − h·e_j)) / 2h */
function centralDifference(theta: readonly number[], j: number, f: (at: number[]) => number, h = 1e-7): number {
  const up = [...theta];
  const down = [...theta];
  up[j] += h;
  down[j] -= h;
  return (f(up) - f(down)) / (2 * h);
}
