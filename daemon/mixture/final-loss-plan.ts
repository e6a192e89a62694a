/**
 * ADO's "final" objective: instead of sampling by each domain's current rate of loss decrease,
 * plan the rest of the budget. With the fitted laws L_k(n) = ε_k + β_k·n^(−α_k), n_k the samples
 * domain k has had and R the samples still to come (both in 1024-token units), choose the share x
 * of the remaining samples that minimises the predicted final loss weighted by targets t:
 *
 *   minimise  Σ_k t_k · β_k · (n_k + x_k·R)^(−α_k)     over  Σx = 1,  lo_k ≤ x_k ≤ hi_k
 *
 * Each term is convex and decreasing in x_k, so the optimum is the water-filling point of the KKT
 * conditions: for one multiplier λ every unclamped domain has the same marginal gain,
 *
 *   t_k·α_k·β_k·R·(n_k + x_k·R)^(−α_k−1) = λ   ⇒   x_k(λ) = clamp(((c_k/λ)^(1/(α_k+1)) − n_k)/R, lo_k, hi_k)
 *
 * with c_k = t_k·α_k·β_k·R. Σ x_k(λ) falls as λ grows, so λ is found by bisection on log λ. A domain
 * with nothing to gain (α_k = 0 or t_k = 0) sits at its lower bound.
 */
import type { ScalingLaw } from './policy';

export interface FinalLossProblem {
  laws: readonly ScalingLaw[];
  /** n_k: samples domain k has had, in 1024-token units. */
  samplesSeen: ArrayLike<number>;
  /** R: samples the rest of the run will draw, in the same units (> 0). */
  remaining: number;
  /** t: how much each domain's final loss counts (≥ 0, not all 0). */
  targets: ArrayLike<number>;
  /** Per-domain bounds on the share; Σlo ≤ 1 ≤ Σhi. */
  lo: ArrayLike<number>;
  hi: ArrayLike<number>;
}

const BISECTION_STEPS = 200;

/** The share of the remaining samples each domain should get. */
export function planFinalLoss(p: FinalLossProblem): Float64Array {
  const K = p.laws.length;
  const logC = new Float64Array(K);
  let lowLogLambda = Infinity;
  let highLogLambda = -Infinity;
  let gaining = 0;
  for (let k = 0; k < K; k++) {
    const { alpha, logBeta } = p.laws[k];
    logC[k] = alpha > 0 && p.targets[k] > 0 ? Math.log(p.targets[k]) + Math.log(alpha) + logBeta + Math.log(p.remaining) : -Infinity;
    if (logC[k] === -Infinity) continue;
    gaining++;
    // The λ at which this domain's share reaches hi_k, and lo_k: every root lies between the extremes.
    lowLogLambda = Math.min(lowLogLambda, marginalLogGain(logC[k], alpha, p.samplesSeen[k] + p.hi[k] * p.remaining));
    highLogLambda = Math.max(highLogLambda, marginalLogGain(logC[k], alpha, p.samplesSeen[k] + p.lo[k] * p.remaining));
  }
  if (gaining === 0) return spareByTargets(p);
  const shares = (logLambda: number) => sharesAt(p, logC, logLambda);
  if (sum(shares(highLogLambda)) >= 1) return fitToSimplex(shares(highLogLambda), p);
  if (sum(shares(lowLogLambda)) <= 1) return fitToSimplex(shares(lowLogLambda), p);
  let low = lowLogLambda;
  let high = highLogLambda;
  for (let i = 0; i < BISECTION_STEPS && high - low > 1e-13 * Math.max(1, Math.abs(low)); i++) {
    const middle = (low + high) / 2;
    if (sum(shares(middle)) > 1) low = middle;
    else high = middle;
  }
  return fitToSimplex(shares((low + high) / 2), p);
}

/** log of t·α·β·R·n^(−α−1), the predicted gain of one more unit of share at n. */
function marginalLogGain(logC: number, alpha: number, n: number): number {
  return logC - (alpha + 1) * Math.log(n);
}

function sharesAt(p: FinalLossProblem, logC: Float64Array, logLambda: number): Float64Array {
  const x = new Float64Array(logC.length);
  for (let k = 0; k < x.length; k++) {
    const unclamped = logC[k] === -Infinity ? -Infinity : (Math.exp((logC[k] - logLambda) / (p.laws[k].alpha + 1)) - p.samplesSeen[k]) / p.remaining;
    x[k] = Math.min(p.hi[k], Math.max(p.lo[k], unclamped));
  }
  return x;
}

/**
 * Bisection leaves Σx a hair from 1: the domains strictly inside their bounds take the difference
 * (where the gains are equal, that keeps the optimum), and when every domain is clamped, those
 * with room do, in proportion to it.
 */
function fitToSimplex(x: Float64Array, p: FinalLossProblem): Float64Array {
  const inside = (k: number) => x[k] > p.lo[k] && x[k] < p.hi[k];
  spreadGap(x, p, inside);
  spreadGap(x, p, () => true);
  return x;
}

function spreadGap(x: Float64Array, p: FinalLossProblem, eligible: (k: number) => boolean): void {
  const gap = 1 - sum(x);
  const roomOf = (k: number) => (eligible(k) ? (gap > 0 ? p.hi[k] - x[k] : x[k] - p.lo[k]) : 0);
  const rooms = Float64Array.from(x, (_, k) => roomOf(k));
  const room = sum(rooms);
  if (room <= 0 || gap === 0) return;
  const share = Math.min(1, Math.abs(gap) / room) * Math.sign(gap);
  for (let k = 0; k < x.length; k++) x[k] += share * rooms[k];
}

/** No domain is predicted to improve: any allocation is optimal; keep the bounds and follow the targets. */
function spareByTargets(p: FinalLossProblem): Float64Array {
  const targetTotal = sum(p.targets);
  const spare = 1 - sum(p.lo);
  return fitToSimplex(Float64Array.from(p.lo, (lo, k) => Math.min(p.hi[k], lo + (p.targets[k] / targetTotal) * spare)), p);
}

function sum(v: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < v.length; k++) total += v[k];
  return total;
}
