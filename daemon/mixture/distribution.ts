/** Small helpers for probability vectors over the K domains (Float64Array of length K). */

/** v / Σv. Throws unless every entry is finite and ≥ 0 and the sum is positive. */
export function normalize(v: ArrayLike<number>, what = 'weights'): Float64Array {
  let total = 0;
  for (let k = 0; k < v.length; k++) {
    if (!(Number.isFinite(v[k]) && v[k] >= 0)) throw new Error(`${what}[${k}] must be a finite number ≥ 0, got ${v[k]}`);
    total += v[k];
  }
  if (!(total > 0)) throw new Error(`${what} must have a positive sum`);
  return Float64Array.from(v, (x) => x / total);
}

export function uniform(k: number): Float64Array {
  return new Float64Array(k).fill(1 / k);
}

/**
 * clip_min_probability of the reference (ado.py:245-250): raise every entry to at least `minimum`
 * and renormalise. The deficit term only matters when Σp < K·minimum; after the final
 * renormalisation an entry can end slightly below `minimum`, exactly as in the reference.
 */
export function clipMinProbability(p: ArrayLike<number>, minimum: number): Float64Array {
  let total = 0;
  for (let k = 0; k < p.length; k++) total += p[k];
  const deficit = Math.max(minimum * p.length - total, 0);
  const scale = (1 - deficit) / total;
  const clipped = new Float64Array(p.length);
  let clippedTotal = 0;
  for (let k = 0; k < clipped.length; k++) {
    clipped[k] = Math.max(p[k] * scale, minimum);
    clippedTotal += clipped[k];
  }
  for (let k = 0; k < clipped.length; k++) clipped[k] /= clippedTotal;
  return clipped;
}
