/**
 * The mixture a run used, from its step events: the final distribution, the mean over steps, or
 * the whole per-step schedule. When a run was resumed from a checkpoint, steps after the
 * checkpoint appear twice in the log; the later event for a step wins.
 */
import type { RunEvent, StepEvent } from '../../shared/run-events';

export interface WeightTrajectory {
  domains: string[];
  steps: number[];
  /** [point][domain] */
  weights: number[][];
}

export async function weightTrajectory(events: AsyncIterable<RunEvent>): Promise<WeightTrajectory> {
  let domains: string[] = [];
  const byStep = new Map<number, number[]>();
  for await (const event of events) {
    if (event.type === 'meta') domains = event.domains;
    else if (event.type === 'step') byStep.set(event.step, (event as StepEvent).weights);
  }
  const steps = [...byStep.keys()].sort((a, b) => a - b);
  return { domains, steps, weights: steps.map((s) => byStep.get(s)!) };
}

export function finalWeights(t: WeightTrajectory): number[] {
  return t.weights[t.weights.length - 1];
}

export function averageWeights(t: WeightTrajectory): number[] {
  const sum = new Array<number>(t.domains.length).fill(0);
  for (const w of t.weights) w.forEach((v, k) => (sum[k] += v));
  return sum.map((v) => v / t.weights.length);
}
