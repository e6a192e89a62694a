/**
 * Choosing the next token from a model's logits: plain arithmetic on one row of numbers, kept apart
 * from the tensors so it is exact and testable. Temperature 0 is greedy (the argmax); otherwise the
 * token is drawn from softmax(logits / temperature) over the `topK` most likely tokens (0 = all).
 */
import type { Random } from '../util/random';

export interface SamplingOptions {
  temperature: number;
  topK: number;
}

/** The index of the largest logit; the lowest index among equals, so greedy decoding is reproducible. */
export function argmax(logits: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
  return best;
}

/** The indices of the `k` largest logits, largest first (ties: lower index first); every index when k is 0 or covers them all. */
export function topKIndices(logits: ArrayLike<number>, k: number): number[] {
  const all = Array.from({ length: logits.length }, (_, i) => i);
  if (k <= 0 || k >= logits.length) return all;
  return all.sort((a, b) => logits[b] - logits[a] || a - b).slice(0, k);
}

/** Probabilities of `candidates` under softmax(logits / temperature), shifted by the largest logit so exp() cannot overflow. */
export function candidateProbabilities(logits: ArrayLike<number>, candidates: readonly number[], temperature: number): number[] {
  let max = -Infinity;
  for (const i of candidates) max = Math.max(max, logits[i]);
  const weights = candidates.map((i) => Math.exp((logits[i] - max) / temperature));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

export function nextToken(logits: ArrayLike<number>, options: SamplingOptions, rng: Random): number {
  if (options.temperature === 0) return argmax(logits);
  const candidates = topKIndices(logits, options.topK);
  return candidates[rng.categorical(candidateProbabilities(logits, candidates, options.temperature))];
}
