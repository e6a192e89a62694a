/**
 * How many passes over each domain's training tokens a run would make if it sampled at a fixed
 * distribution (e.g. the prior). Used to warn before a run repeats a small domain too often.
 */
export function plannedEpochs(weights: ArrayLike<number>, trainTokens: ArrayLike<number>, steps: number, batchSize: number, contextLength: number): number[] {
  const tokensPerStep = batchSize * contextLength;
  return Array.from(weights, (w, k) => (w * steps * tokensPerStep) / Math.max(1, trainTokens[k]));
}

/** The epoch limit of each domain from `mixture.maxEpochs` (Infinity where none). */
export function epochLimits(domains: readonly string[], maxEpochs: number | Record<string, number> | undefined): number[] {
  if (maxEpochs === undefined) return domains.map(() => Infinity);
  if (typeof maxEpochs === 'number') return domains.map(() => maxEpochs);
  return domains.map((d) => maxEpochs[d] ?? Infinity);
}
