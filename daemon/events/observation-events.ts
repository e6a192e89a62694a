/**
 * The step event for one observation a policy received from outside the built-in trainer: an
 * external trainer's `scheduler.observe`, or a line of a replayed log. Pure, so both produce the
 * same events and a replay charts exactly like an external run.
 */
import type { StepFeedback } from '../mixture/policy';
import type { StepEvent } from '../../shared/run-events';

export interface Observed {
  feedback: StepFeedback;
  /** Tokens trained on so far, this observation included. */
  tokens: number;
  elapsedMs: number;
  weights: ArrayLike<number>;
  policyWeights?: ArrayLike<number>;
}

export function observationStepEvent({ feedback, tokens, elapsedMs, weights, policyWeights }: Observed): StepEvent {
  let lossSum = 0;
  let counted = 0;
  for (let k = 0; k < feedback.counts.length; k++) {
    const count = feedback.counts[k];
    if (count > 0) {
      lossSum += count * (feedback.losses[k] as number);
      counted += count;
    }
  }
  const event: StepEvent = {
    type: 'step',
    step: feedback.step,
    tokens,
    elapsedMs,
    loss: counted > 0 ? lossSum / counted : null,
    domainLosses: Array.from(feedback.losses),
    counts: Array.from(feedback.counts),
    weights: Array.from(weights),
  };
  if (policyWeights) event.policyWeights = Array.from(policyWeights);
  return event;
}
