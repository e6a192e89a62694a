/**
 * The domain side of a batch, apart from tensors: which domain each sample comes from, and the
 * per-domain feedback a mixture policy receives (counts and mean losses, null where absent).
 */
import type { Random } from '../util/random';

/** Draws each sample's domain independently from `weights` (one draw per sample, in order). */
export function sampleDomains(weights: ArrayLike<number>, batchSize: number, rng: Random): Int32Array {
  const domains = new Int32Array(batchSize);
  for (let i = 0; i < batchSize; i++) domains[i] = rng.categorical(weights);
  return domains;
}

export interface DomainFeedback {
  counts: number[];
  /** Mean per-sample loss of each domain's samples; null where the batch had none. */
  losses: (number | null)[];
}

export function groupLossesByDomain(domainOfSample: ArrayLike<number>, perSampleLoss: ArrayLike<number>, domainCount: number): DomainFeedback {
  const counts = new Array<number>(domainCount).fill(0);
  const sums = new Array<number>(domainCount).fill(0);
  for (let i = 0; i < domainOfSample.length; i++) {
    counts[domainOfSample[i]] += 1;
    sums[domainOfSample[i]] += perSampleLoss[i];
  }
  return { counts, losses: sums.map((sum, k) => (counts[k] > 0 ? sum / counts[k] : null)) };
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}
