/**
 * How many passes over each domain's training tokens a run would make if it sampled at a fixed
 * distribution (its starting one: the prior for ADO), checked against `mixture.maxEpochs` before
 * training. The trainer checks with exact token counts; `ado validate` and the language server
 * with counts estimated from file sizes.
 */
import type { ResolvedRunConfig } from './config/resolve';

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

/** A domain the run would repeat more often than `mixture.maxEpochs` allows. */
export interface EpochOverrun {
  domain: string;
  weight: number;
  planned: number;
  limit: number;
  /** The largest weight at which the domain stays within its limit. */
  weightWithinLimit: number;
  steps: number;
}

type PlannedRun = { training: Pick<ResolvedRunConfig['training'], 'steps' | 'batchSize'>; data: Pick<ResolvedRunConfig['data'], 'contextLength'>; mixture: Pick<ResolvedRunConfig['mixture'], 'maxEpochs'> };

export function epochOverruns(config: PlannedRun, domains: readonly string[], weights: ArrayLike<number>, trainTokens: ArrayLike<number>): EpochOverrun[] {
  const { steps, batchSize } = config.training;
  const { contextLength } = config.data;
  const limits = epochLimits(domains, config.mixture.maxEpochs);
  const planned = plannedEpochs(weights, trainTokens, steps, batchSize, contextLength);
  return domains.flatMap((domain, k) =>
    planned[k] > limits[k]
      ? [{ domain, weight: weights[k], planned: planned[k], limit: limits[k], weightWithinLimit: (limits[k] * trainTokens[k]) / (steps * batchSize * contextLength), steps }]
      : [],
  );
}

/** One sentence: the domain, its planned epochs, the limit and what to do; `estimate` says how the token counts were estimated. */
export function describeEpochOverrun(o: EpochOverrun, estimate?: string): string {
  const about = estimate ? 'about ' : '';
  return (
    `domain "${o.domain}" would be repeated ${about}${o.planned.toFixed(1)} times, more than mixture.maxEpochs allows (${o.limit}), ` +
    `if sampled at its starting weight ${o.weight.toFixed(3)} for all ${o.steps} steps; ` +
    `keep its weight below ${o.weightWithinLimit.toPrecision(2)} (e.g. mixture.caps["${o.domain}"].max), raise mixture.maxEpochs, train fewer steps or add data` +
    (estimate ? ` (${estimate})` : '')
  );
}
