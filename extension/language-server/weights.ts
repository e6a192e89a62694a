/** Weights as a person would write them: short decimals that sum to exactly 1. */

/** Normalises non-negative weights, rounding by largest remainder so that the decimals add up to 1. */
export function normalisedWeights(raw: readonly number[]): number[] {
  const total = raw.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return raw.map(() => 0);
  const shares = raw.map((w) => w / total);
  const smallest = Math.min(...shares.filter((s) => s > 0));
  // Enough decimals that no positive weight rounds to 0: the prior must stay positive.
  const decimals = Math.min(12, Math.max(4, Math.ceil(-Math.log10(smallest)) + 2));
  const scale = 10 ** decimals;
  const scaled = shares.map((s) => s * scale);
  const rounded = scaled.map(Math.floor);
  const byRemainder = scaled.map((s, i) => ({ i, remainder: s - rounded[i] })).sort((a, b) => b.remainder - a.remainder);
  const leftOver = scale - rounded.reduce((a, b) => a + b, 0);
  for (const { i } of byRemainder.slice(0, leftOver)) rounded[i] += 1;
  return rounded.map((r) => r / scale);
}

export function uniformWeights(domains: readonly string[]): Record<string, number> {
  const weights = normalisedWeights(domains.map(() => 1));
  return Object.fromEntries(domains.map((d, i) => [d, weights[i]]));
}
