/**
 * What an external trainer's observation must satisfy beyond the protocol schema, with reasons
 * precise enough to fix the trainer from the error alone. Rejecting is the only safe answer: a
 * NaN or a missing loss folded into ADO's history would poison every later fit.
 */
import { ErrorCode } from '../../shared/protocol';
import type { StepFeedback } from '../mixture/policy';
import { ProtocolError } from './protocol-error';

export interface Observation {
  step: number;
  counts: number[];
  losses: (number | null)[];
}

/** Throws InvalidFeedback naming the first problem found. */
export function checkObservation(observation: Observation, domains: readonly string[], lastStep: number | undefined): StepFeedback {
  const { step, counts, losses } = observation;
  const reject = (reason: string) => {
    throw new ProtocolError(ErrorCode.InvalidFeedback, reason, { step });
  };
  const k = domains.length;
  if (counts.length !== k) reject(`counts has ${counts.length} entries; the run has ${k} domains (${domains.join(', ')})`);
  if (losses.length !== k) reject(`losses has ${losses.length} entries; the run has ${k} domains (${domains.join(', ')})`);
  if (lastStep !== undefined && step <= lastStep) reject(`step ${step} does not come after the last observed step ${lastStep}; steps must increase`);
  let samples = 0;
  for (let i = 0; i < k; i++) {
    const count = counts[i];
    const loss = losses[i];
    const domain = `domain "${domains[i]}" (index ${i})`;
    if (!Number.isInteger(count) || count < 0) reject(`counts[${i}] must be a non-negative integer, got ${count}`);
    if (loss !== null && !Number.isFinite(loss)) reject(`losses[${i}] is ${loss}; send finite losses (a diverged step is better not reported)`);
    if (loss !== null && loss < 0) reject(`losses[${i}] is negative (${loss}); losses are per-token cross-entropies in nats`);
    if (count > 0 && loss === null) reject(`${domain} has ${count} samples but a null loss; send its mean loss`);
    if (count === 0 && loss !== null) reject(`${domain} has a loss but no samples; send null for domains absent from the batch`);
    samples += count;
  }
  if (samples === 0) reject('every count is 0; an observation needs at least one sample');
  return { step, counts, losses };
}
