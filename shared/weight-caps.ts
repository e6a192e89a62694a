/**
 * Per-domain weight caps as bounds vectors, and whether they admit any distribution.
 * Shared by the config validator and the sampler (daemon/mixture/caps.ts projects onto them).
 */

export interface CapBounds {
  lo: Float64Array;
  hi: Float64Array;
}

/** Bounds for K domains from `mixture.caps`; domains without an entry are unconstrained. */
export function capBounds(domains: readonly string[], caps: Record<string, { min?: number; max?: number }>): CapBounds {
  const lo = new Float64Array(domains.length);
  const hi = new Float64Array(domains.length).fill(1);
  domains.forEach((name, k) => {
    lo[k] = caps[name]?.min ?? 0;
    hi[k] = caps[name]?.max ?? 1;
  });
  return { lo, hi };
}

/** Why a set of caps admits no distribution (Σmin ≤ 1 ≤ Σmax, min ≤ max), or null if it is feasible. */
export function capsInfeasibility(bounds: CapBounds, domains?: readonly string[]): string | null {
  let sumLo = 0;
  let sumHi = 0;
  for (let k = 0; k < bounds.lo.length; k++) {
    if (bounds.lo[k] > bounds.hi[k]) return `${domains ? `"${domains[k]}"` : `domain ${k}`}: min ${bounds.lo[k]} exceeds max ${bounds.hi[k]}`;
    sumLo += bounds.lo[k];
    sumHi += bounds.hi[k];
  }
  if (sumLo > 1 + 1e-12) return `the minimum weights sum to ${+sumLo.toPrecision(6)} > 1`;
  if (sumHi < 1 - 1e-12) return `the maximum weights sum to ${+sumHi.toPrecision(6)} < 1`;
  return null;
}
