/**
 * The learning-rate schedule: linear warm-up to the peak, then cosine decay to the minimum at
 * the last step (as nanoGPT). Steps are 0-based; the first step already trains, so warm-up starts
 * above zero.
 */
export interface LearningRateSchedule {
  learningRate: number;
  minLearningRate: number;
  warmupSteps: number;
  /** Total steps of the run. */
  steps: number;
}

export function learningRateAt(step: number, { learningRate, minLearningRate, warmupSteps, steps }: LearningRateSchedule): number {
  if (step < warmupSteps) return (learningRate * (step + 1)) / warmupSteps;
  const decaySteps = steps - 1 - warmupSteps;
  if (decaySteps <= 0) return learningRate;
  const progress = Math.min(1, (step - warmupSteps) / decaySteps);
  return minLearningRate + 0.5 * (1 + Math.cos(Math.PI * progress)) * (learningRate - minLearningRate);
}
