/**
 * Validation: the same held-out windows of every domain at each evaluation, so successive losses
 * are comparable. Windows of all domains are packed into full batches (fewer, larger forward
 * passes) and the losses regrouped by domain afterwards.
 */
import { validationWindows, type PreparedDomain } from '../data';
import type { TokenBatch } from '../model/objective';
import { groupLossesByDomain } from './domain-batch';
import { tokenBatch } from './token-batch';

export interface ValidationResult {
  /** Mean per-sample loss of each domain's held-out windows (nats/token). */
  losses: number[];
  /** The mean over domains, each counting once (the paper's "unweighted" average). */
  uniform: number;
  /** The mean weighted by each domain's share of validation tokens. */
  tokenWeighted: number;
}

export interface EvaluationSet {
  batches: { batch: TokenBatch; domainOfSample: Int32Array }[];
  validationTokens: number[];
}

export function evaluationSet(domains: readonly PreparedDomain[], contextLength: number, batchSize: number, batchesPerDomain: number): EvaluationSet {
  const windows = domains.flatMap((domain, k) => validationWindows(domain, contextLength, batchesPerDomain * batchSize).map((window) => ({ window, k })));
  const batches: EvaluationSet['batches'] = [];
  for (let start = 0; start < windows.length; start += batchSize) {
    const chunk = windows.slice(start, start + batchSize);
    batches.push({ batch: tokenBatch(chunk.map((c) => c.window), contextLength), domainOfSample: Int32Array.from(chunk, (c) => c.k) });
  }
  return { batches, validationTokens: domains.map((d) => d.validation.length) };
}

/** Runs every batch of `set` through `perSampleLoss` and averages per domain. */
export async function evaluate(set: EvaluationSet, perSampleLoss: (batch: TokenBatch) => Promise<Float32Array>): Promise<ValidationResult> {
  const domainCount = set.validationTokens.length;
  const sums = new Array<number>(domainCount).fill(0);
  const counts = new Array<number>(domainCount).fill(0);
  for (const { batch, domainOfSample } of set.batches) {
    const grouped = groupLossesByDomain(domainOfSample, await perSampleLoss(batch), domainCount);
    grouped.counts.forEach((count, k) => {
      counts[k] += count;
      sums[k] += count * (grouped.losses[k] ?? 0);
    });
  }
  return summariseValidation(sums.map((sum, k) => sum / counts[k]), set.validationTokens);
}

export function summariseValidation(losses: number[], validationTokens: readonly number[]): ValidationResult {
  const totalTokens = validationTokens.reduce((a, b) => a + b, 0);
  return {
    losses,
    uniform: losses.reduce((a, b) => a + b, 0) / losses.length,
    tokenWeighted: losses.reduce((sum, loss, k) => sum + (loss * validationTokens[k]) / totalTokens, 0),
  };
}
