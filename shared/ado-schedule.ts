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
