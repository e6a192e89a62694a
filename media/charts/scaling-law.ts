/** The per-domain law ADO fits, L(n) = ε + β·n^(−α), as the fit events report it (log β, log ε, α). */
import type { FitEvent } from '../../shared/run-events';

export type ScalingLaw = FitEvent['laws'][number];

/** Domain k's current n at a refit: its own when each domain counts its own samples, else the shared one. */
export function fitN(fit: Pick<FitEvent, 'n' | 'nByDomain'>, k: number): number {
  return fit.nByDomain?.[k] ?? fit.n;
}

/** The x values of domain k's fitted points (see FitEvent.points). */
export function fitPointsN(points: FitEvent['points'], k: number): number[] {
  return points.nByDomain?.[k] ?? points.n;
}

export function lawLoss(law: ScalingLaw, n: number): number {
  return Math.exp(law.logEps) + Math.exp(law.logBeta) * Math.pow(n, -law.alpha);
}

export interface CurvePoint {
  x: number;
  y: number;
}

/** The law sampled evenly in log n, because n spans orders of magnitude and the chart's x axis is logarithmic. */
export function lawCurve(law: ScalingLaw, nFrom: number, nTo: number, samples: number): CurvePoint[] {
  if (!(nFrom > 0) || !(nTo > nFrom) || samples < 2) return [];
  const logFrom = Math.log(nFrom);
  const logStep = (Math.log(nTo) - logFrom) / (samples - 1);
  return Array.from({ length: samples }, (_, i) => {
    const n = Math.exp(logFrom + i * logStep);
    return { x: n, y: lawLoss(law, n) };
  });
}
