/**
 * A simulated training run that produces what a trainer would report to a mixture policy: each
 * step's batch is drawn from the policy's weights, and each present domain's mean loss is its true
 * curve plus noise that shrinks with the domain's share of the batch. It makes reproducible replay
 * logs (examples/replay) and realistic fit traces for tests and benchmarks.
 *
 * The curves follow each domain's law in n (total 1024-token samples, as ADO counts them), minus a
 * cosine-shaped drop towards the end that stands for learning-rate decay: real curves have it and
 * the scaling law cannot express it, so the fits see realistic misfit, not only noise.
 */
import type { ScalingLaw, StepFeedback } from '../mixture/policy';
import { predictLoss } from '../mixture/scaling-law';
import { TOKENS_PER_N_UNIT } from '../mixture/fit-data';
import { Random } from '../util/random';

export interface SyntheticDomain {
  name: string;
  /** The domain's true loss curve L(n) (nats), n in 1024-token samples seen by the model. */
  law: ScalingLaw;
  /** Standard deviation of one sample's loss around the curve (nats). */
  noise: number;
}

export interface SyntheticRunOptions {
  domains: readonly SyntheticDomain[];
  steps: number;
  /** Samples per step. */
  batchSize: number;
  tokensPerSample: number;
  /** How far learning-rate decay lowers every curve by the last step (nats). */
  annealDrop: number;
  seed: number;
}

/**
 * Yields the feedback of steps 0..steps−1. `weights()` is read before each step, so a caller that
 * feeds every step to a policy between yields gets a closed loop.
 */
export function* simulateRun(options: SyntheticRunOptions, weights: () => ArrayLike<number>): Generator<StepFeedback> {
  const { domains, steps, batchSize, tokensPerSample, annealDrop } = options;
  const random = new Random(options.seed);
  const K = domains.length;
  for (let step = 0; step < steps; step++) {
    const counts = drawCounts(weights(), batchSize, random);
    const n = ((step + 1) * batchSize * tokensPerSample) / TOKENS_PER_N_UNIT;
    const anneal = (annealDrop * (1 - Math.cos((Math.PI * step) / Math.max(steps - 1, 1)))) / 2;
    const losses: (number | null)[] = new Array(K);
    for (let k = 0; k < K; k++) {
      const c = counts[k];
      losses[k] = c > 0 ? predictLoss(domains[k].law, n) - anneal + (domains[k].noise / Math.sqrt(c)) * random.normal() : null;
    }
    yield { step, counts, losses };
  }
}

/** How many of `batchSize` samples fall in each domain when each sample's domain is drawn from `weights`. */
function drawCounts(weights: ArrayLike<number>, batchSize: number, random: Random): number[] {
  const counts = new Array<number>(weights.length).fill(0);
  for (let i = 0; i < batchSize; i++) counts[random.categorical(weights)]++;
  return counts;
}
