/**
 * When ADO refits and how many points each fit sees. Pure arithmetic shared by the scheduler
 * (daemon/mixture) and the config validator, so that the warnings describe what will really run.
 */

export interface RefitSchedule {
  startStep: number;
  updateInterval: number;
  ignoreSteps: number;
  subsample: number;
  savgolWindow: number;
}

/** The reference refits when `step ≥ startStep` and `step % updateInterval == 0` (0-based steps). */
export function isRefitStep(s: RefitSchedule, step: number): boolean {
  return step >= s.startStep && step % s.updateInterval === 0;
}

/** Points in the fit at `step`: the history holds steps 0..step, sliced `[ignoreSteps::subsample]`. */
export function fitPointCount(s: RefitSchedule, step: number): number {
  return step >= s.ignoreSteps ? Math.floor((step - s.ignoreSteps) / s.subsample) + 1 : 0;
}

/** A refit needs at least one point and a history as long as the smoothing window. */
export function refitCanRun(s: RefitSchedule, step: number): boolean {
  return fitPointCount(s, step) > 0 && step + 1 >= s.savgolWindow;
}

/** Steps (< totalSteps) at which a refit is due and can run. */
export function plannedRefits(s: RefitSchedule, totalSteps: number): number[] {
  const first = Math.ceil(s.startStep / s.updateInterval) * s.updateInterval;
  const steps: number[] = [];
  for (let t = first; t < totalSteps; t += s.updateInterval) if (refitCanRun(s, t)) steps.push(t);
  return steps;
}

/** What the auto schedule guarantees a run long enough for it: refits, and points in the first fit. */
export const AUTO_SCHEDULE_MIN_REFITS = 10;
export const AUTO_SCHEDULE_MIN_POINTS = 30;

/**
 * `mixture.ado.schedule: "auto"`: the refit schedule scaled to a run of `steps` steps, never
 * beyond the paper's own timings (`paper`, which assume 60,000 steps). Fit data starts at a tenth
 * of the run, a refit comes every fifteenth, and each interval adds at least 30 fitted points;
 * the first refit waits until the fit has 30 points (the paper's first refit fits one). That gives
 * 10 to 13 refits from about 100 steps up to 15,000, and the paper's schedule beyond.
 * Values given in `explicit` win, and the derived ones are computed from them.
 */
export function autoSchedule(steps: number, explicit: Partial<RefitSchedule>, paper: RefitSchedule, savgolOrder: number): RefitSchedule {
  const updateInterval = explicit.updateInterval ?? Math.min(paper.updateInterval, Math.max(1, Math.floor(steps / 15)));
  const ignoreSteps = explicit.ignoreSteps ?? Math.min(paper.ignoreSteps, Math.floor(steps / 10));
  const subsample = explicit.subsample ?? Math.min(paper.subsample, Math.max(1, Math.floor(updateInterval / AUTO_SCHEDULE_MIN_POINTS)));
  const startStep = explicit.startStep ?? ignoreSteps + (AUTO_SCHEDULE_MIN_POINTS - 1) * subsample;
  // Odd and at most ignoreSteps / 2, so the smoother has a full window before the fit data starts.
  const narrowest = (savgolOrder + 1) | 1;
  const widest = (Math.floor(ignoreSteps / 2) - 1) | 1;
  const savgolWindow = explicit.savgolWindow ?? Math.min(paper.savgolWindow, Math.max(narrowest, widest));
  return { updateInterval, ignoreSteps, subsample, startStep, savgolWindow };
}
