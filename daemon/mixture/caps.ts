/**
 * Per-domain weight caps, applied after any policy: the Euclidean projection of the policy's
 * distribution p onto the capped simplex {w : Σw = 1, lo ≤ w ≤ hi}.
 *
 * The projection is w_k = clip(p_k − τ, lo_k, hi_k) for the unique shift τ that makes Σw = 1:
 * every free domain gains or loses the same amount, which is the smallest change (in L2) that
 * satisfies the caps. Feasible inputs are returned unchanged (so the projection is idempotent).
 */
import type { CapBounds } from '../../shared/weight-caps';

export function projectOntoCaps(p: ArrayLike<number>, bounds: CapBounds): Float64Array {
  const K = p.length;
  const { lo, hi } = bounds;
  const sumAt = (tau: number) => {
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.min(hi[k], Math.max(lo[k], p[k] - tau));
    return s;
  };
  // g(τ) = Σ clip(p − τ) falls from Σhi to Σlo as τ rises through these limits.
  let below = Infinity;
  let above = -Infinity;
  for (let k = 0; k < K; k++) {
    below = Math.min(below, p[k] - hi[k]);
    above = Math.max(above, p[k] - lo[k]);
  }
  for (let i = 0; i < 200 && above - below > 1e-15; i++) {
    const mid = 0.5 * (below + above);
    if (sumAt(mid) > 1) below = mid;
    else above = mid;
  }
  const tau = exactShift(p, bounds, 0.5 * (below + above));
  const w = new Float64Array(K);
  for (let k = 0; k < K; k++) w[k] = Math.min(hi[k], Math.max(lo[k], p[k] - tau));
  return w;
}

/** Bisection finds which domains sit on a bound; τ then follows exactly from Σw = 1 on the free ones. */
function exactShift(p: ArrayLike<number>, { lo, hi }: CapBounds, approx: number): number {
  let fixedMass = 0;
  let freeMass = 0;
  let free = 0;
  for (let k = 0; k < p.length; k++) {
    const v = p[k] - approx;
    if (v <= lo[k]) fixedMass += lo[k];
    else if (v >= hi[k]) fixedMass += hi[k];
    else {
      freeMass += p[k];
      free++;
    }
  }
  return free === 0 ? approx : (freeMass + fixedMass - 1) / free;
}
