/**
 * The points one domain's scaling law is fitted to (ado.py:218-224): the Savitzky–Golay smoothed
 * loss of the WHOLE history, then every `subsample`-th observation from `ignoreSteps` on, against n
 * (cumulative samples in 1024-token units). Smoothing before slicing matters: the first fitted
 * points are interior points of the filter, not its polynomial edge.
 */
import type { LossHistory } from './history';
import type { SavitzkyGolay } from './savgol';
import type { FitPoints } from './scaling-law';

/** The reference's n unit: one sample of 1024 tokens. */
export const TOKENS_PER_N_UNIT = 1024;

export interface DomainFitData extends FitPoints {
  /** n of each point, in 1024-token samples. */
  n: Float64Array;
  /** The smoothed loss of each point (nats). */
  smoothedLoss: Float64Array;
}

/** Rows `ignoreSteps, ignoreSteps + subsample, …` below `length` (the slice `[ignoreSteps::subsample]`). */
export function fitRows(length: number, ignoreSteps: number, subsample: number): number[] {
  const rows: number[] = [];
  for (let row = ignoreSteps; row < length; row += subsample) rows.push(row);
  return rows;
}

/**
 * Domain k's fit data at `rows`. Points with n = 0 (possible only without sameStepSize, before the
 * domain's first sample) are left out, because log n is undefined there.
 */
export function domainFitData(history: LossHistory, k: number, rows: readonly number[], smoother: SavitzkyGolay, tokensPerSample: number): DomainFitData {
  const series = history.losses(k);
  const unit = tokensPerSample / TOKENS_PER_N_UNIT;
  const kept = rows.filter((row) => history.samplesSeen(k, row) > 0);
  const n = new Float64Array(kept.length);
  const smoothedLoss = new Float64Array(kept.length);
  const logN = new Float64Array(kept.length);
  const logLoss = new Float64Array(kept.length);
  kept.forEach((row, i) => {
    n[i] = history.samplesSeen(k, row) * unit;
    smoothedLoss[i] = smoother.at(series, series.length, row);
    logN[i] = Math.log(n[i]);
    logLoss[i] = Math.log(smoothedLoss[i]);
  });
  return { n, smoothedLoss, logN, logLoss };
}
