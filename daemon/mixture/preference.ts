/**
 * ADO's sampling rule once scaling laws exist (the reference's `curr_dist`, ado.py:94-116):
 *
 *   ρ_k ∝ μ_k · h_k^s · max(α_k, alphaFloor) · (L̂_k(n) − ε_k) / n        (Eq. 3; raw α inside L̂)
 *   ρ   ← clip_min_probability(ρ, δ_min)
 *   π   = γ2·ρ + (1 − γ2)·π̄                                              (Eq. 4, the old π̄)
 *   π̄  ← (1 − 1/(t+1))·π̄ + ρ/(t+1)                                       (Eq. 5, t = global step)
 *
 * (L̂ − ε)/n = β·n^(−α−1) is computed in log space and normalised like a softmax: the same ρ, but
 * no underflow when β·n^(−α) is tiny for every domain.
 */
import { clipMinProbability } from './distribution';
import type { ScalingLaw } from './policy';

export interface PreferenceInputs {
  laws: readonly ScalingLaw[];
  /** μ, the prior (sums to 1, every entry > 0). */
  prior: ArrayLike<number>;
  /** h, the EMA of realised batch compositions. */
  credit: ArrayLike<number>;
  /** n_k in 1024-token samples (the same for every k under sameStepSize). */
  samplesSeen: ArrayLike<number>;
  s: number;
  alphaFloor: number;
  deltaMin: number;
}

/** ρ after clipping. */
export function preference(p: PreferenceInputs): Float64Array {
  const K = p.laws.length;
  // log w_k first; exponentiated in place once the largest is known.
  const weights = new Float64Array(K);
  let largest = -Infinity;
  for (let k = 0; k < K; k++) {
    const law = p.laws[k];
    const logN = Math.log(p.samplesSeen[k]);
    weights[k] = Math.log(p.prior[k]) + p.s * Math.log(p.credit[k]) + Math.log(Math.max(law.alpha, p.alphaFloor)) + law.logBeta - (law.alpha + 1) * logN;
    largest = Math.max(largest, weights[k]);
  }
  let total = 0;
  for (let k = 0; k < K; k++) {
    weights[k] = Math.exp(weights[k] - largest);
    total += weights[k];
  }
  for (let k = 0; k < K; k++) weights[k] /= total;
  return clipMinProbability(weights, p.deltaMin);
}

/** π for the next batch (Eq. 4), from the new ρ and the running average π̄ before this step. */
export function mixWithAverage(rho: ArrayLike<number>, average: ArrayLike<number>, gamma2: number): Float64Array {
  const mixed = new Float64Array(rho.length);
  for (let k = 0; k < mixed.length; k++) mixed[k] = gamma2 * rho[k] + (1 - gamma2) * average[k];
  return mixed;
}

/** π̄ after step t (Eq. 5), in the reference's arithmetic: the prior's weight decays like 1/(t+1). */
export function updateAverage(average: Float64Array, rho: ArrayLike<number>, step: number): void {
  const share = 1 / (step + 1);
  for (let k = 0; k < average.length; k++) average[k] = (1 - share) * average[k] + share * rho[k];
}
