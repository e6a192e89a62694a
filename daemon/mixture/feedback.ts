/**
 * What makes a step's feedback usable by every policy. One check, so that `ado replay` (which turns
 * the message into `file:LINE: reason`) and the policies (which throw it) reject the same inputs.
 */
import type { StepFeedback } from './policy';

/** Why `feedback` cannot be observed after `previousStep` (−1 before the first), or undefined. */
export function feedbackProblem(feedback: StepFeedback, domainCount: number, previousStep: number): string | undefined {
  const { step, counts, losses } = feedback;
  if (!Number.isInteger(step) || step < 0) return `"step" must be an integer ≥ 0, got ${step}`;
  if (step <= previousStep) return `steps must increase: step ${step} comes after step ${previousStep}`;
  if (counts.length !== domainCount) return `"counts" has ${counts.length} entries; expected one per domain (${domainCount})`;
  if (losses.length !== domainCount) return `"losses" has ${losses.length} entries; expected one per domain (${domainCount})`;
  let samples = 0;
  for (let k = 0; k < domainCount; k++) {
    const count = counts[k];
    if (!Number.isInteger(count) || count < 0) return `counts[${k}] must be an integer ≥ 0, got ${count}`;
    samples += count;
    const loss = losses[k];
    if (loss === null) {
      if (count > 0) return `losses[${k}] is null but counts[${k}] is ${count}; a domain in the batch needs its mean loss`;
    } else if (count === 0) {
      return `losses[${k}] is ${loss} but counts[${k}] is 0; a domain absent from the batch has a null loss`;
    } else if (!Number.isFinite(loss) || loss <= 0) {
      return `losses[${k}] must be a positive finite number (scaling laws are fitted to log loss), got ${loss}`;
    }
  }
  if (samples === 0) return 'the batch is empty: every count is 0';
  return undefined;
}

/** Throws the problem with `feedback`, if any, as an Error. */
export function assertValidFeedback(feedback: StepFeedback, domainCount: number, previousStep: number): void {
  const problem = feedbackProblem(feedback, domainCount, previousStep);
  if (problem !== undefined) throw new Error(`invalid step feedback: ${problem}`);
}
