/**
 * `ado replay`: drives a mixture policy with a recorded loss log and writes what it would have
 * sampled, one JSON line per input step: {"step", "weights"} plus "fit": [[a, e, α], …] on steps
 * where it refitted (a = log β, e = log ε). The log is streamed, so its length is unbounded.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createPolicy } from '../mixture/create-policy';
import { feedbackProblem } from '../mixture/feedback';
import type { PolicyStep, StepFeedback } from '../mixture/policy';
import { parseReplayHeader, type ReplayHeader } from './replay-header';

export class ReplayInputError extends Error {}

/** Sees the replay as it happens (`ado replay --save` records it as a run). */
export interface ReplayObserver {
  header(header: ReplayHeader): void;
  step(feedback: StepFeedback, result: PolicyStep): void;
}

export async function replayLog(file: string, writeLine: (line: string) => void, observer?: ReplayObserver): Promise<{ steps: number; refits: number }> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  const fail = (reason: string): never => {
    throw new ReplayInputError(`${file}:${lineNumber}: ${reason}`);
  };
  let policy: ReturnType<typeof createPolicy> | undefined;
  let domainCount = 0;
  let previousStep = -1;
  let steps = 0;
  let refits = 0;
  for await (const text of lines) {
    lineNumber++;
    if (!text.trim()) continue;
    const value = parseJson(text, fail);
    if (!policy) {
      try {
        const header = parseReplayHeader(value);
        domainCount = header.domains.length;
        policy = createPolicy(header);
        observer?.header(header);
      } catch (error) {
        fail(`header: ${(error as Error).message}`);
      }
      continue;
    }
    const feedback = stepFeedback(value, fail);
    const problem = feedbackProblem(feedback, domainCount, previousStep);
    if (problem !== undefined) fail(problem);
    const result = policy.observe(feedback);
    previousStep = feedback.step;
    steps++;
    observer?.step(feedback, result);
    const out: { step: number; weights: number[]; fit?: number[][] } = { step: feedback.step, weights: Array.from(result.weights) };
    if (result.refit) {
      refits++;
      out.fit = result.refit.laws.map((law) => [law.logBeta, law.logEps, law.alpha]);
    }
    writeLine(JSON.stringify(out));
  }
  if (!policy) throw new ReplayInputError(`${file}: the log is empty; its first line must be the header {"domains": [...], "prior": [...]}`);
  return { steps, refits };
}

function parseJson(text: string, fail: (reason: string) => never): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // JSON.parse cannot read NaN or Infinity, which is how they usually arrive.
    return fail(`not valid JSON (${(error as Error).message})${/\b(NaN|Infinity)\b/.test(text) ? '; NaN and Infinity are not allowed' : ''}`);
  }
}

function stepFeedback(value: unknown, fail: (reason: string) => never): StepFeedback {
  const v = value as Partial<Record<'step' | 'counts' | 'losses', unknown>> | null;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail('a step line must be an object {"step", "counts", "losses"}');
  if (typeof v.step !== 'number') return fail('"step" is missing or not a number');
  if (!Array.isArray(v.counts)) return fail('"counts" is missing or not an array');
  if (!Array.isArray(v.losses)) return fail('"losses" is missing or not an array');
  const badCount = v.counts.findIndex((c) => typeof c !== 'number');
  if (badCount >= 0) return fail(`counts[${badCount}] must be a number, got ${JSON.stringify(v.counts[badCount])}`);
  const badLoss = v.losses.findIndex((l) => l !== null && typeof l !== 'number');
  if (badLoss >= 0) return fail(`losses[${badLoss}] must be a number or null, got ${JSON.stringify(v.losses[badLoss])}`);
  return { step: v.step, counts: v.counts as number[], losses: v.losses as (number | null)[] };
}
