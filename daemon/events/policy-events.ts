/**
 * Turns what a mixture policy reports on a refit step into the `fit` event the dashboard and
 * `ado report` draw. Pure: the built-in trainer and the daemon's external runs both call it, so the
 * two kinds of run produce identical fit events.
 */
import type { FitEvent } from '../../shared/run-events';
import type { PolicyStep, RefitReport, ScalingLaw } from '../mixture/policy';

/** Enough points to draw a smooth curve without bloating every event in the log. */
export const MAX_FIT_POINTS_PER_DOMAIN = 200;

/**
 * The fit event for a policy step, or null when the policy did not refit at this step.
 * `n` is the current n (1024-token samples) at which each law's prediction L̂(n) is evaluated;
 * a policy that counts each domain's own samples reports those instead.
 */
export function fitEventFromPolicyStep(result: PolicyStep, n: number): FitEvent | null {
  return result.refit ? fitEvent(result.refit, result.preference, n) : null;
}

export function fitEvent(refit: RefitReport, preference: ArrayLike<number> | undefined, n: number): FitEvent {
  const nByDomain = refit.ownN;
  return {
    type: 'fit',
    step: refit.step,
    n: nByDomain?.[0] ?? n,
    ...(nByDomain ? { nByDomain: [...nByDomain] } : {}),
    laws: refit.laws.map(({ logBeta, logEps, alpha }) => ({ logBeta, logEps, alpha })),
    objectives: [...refit.objectives],
    predicted: refit.laws.map((law, k) => predictLoss(law, nByDomain?.[k] ?? n)),
    // Empty when the policy computed no preference at this step (e.g. still in warm-up).
    preference: preference ? Array.from(preference) : [],
    points: nByDomain ? ownPoints(refit) : sharedPoints(refit),
  };
}

/** Every domain's points sit at the same steps (the same n), so one set of indices keeps them aligned. */
function sharedPoints(refit: RefitReport): FitEvent['points'] {
  const keep = evenlySpacedIndices(refit.n[0]?.length ?? 0, MAX_FIT_POINTS_PER_DOMAIN);
  return { n: keep.map((i) => refit.n[0][i]), loss: refit.smoothedLoss.map((losses) => keep.map((i) => losses[i])) };
}

/** Each domain has its own n (and, until it has been sampled, fewer points), so each is decimated on its own. */
function ownPoints(refit: RefitReport): FitEvent['points'] {
  const keeps = refit.n.map((ns) => evenlySpacedIndices(ns.length, MAX_FIT_POINTS_PER_DOMAIN));
  const nByDomain = refit.n.map((ns, k) => keeps[k].map((i) => ns[i]));
  return { n: nByDomain[0] ?? [], loss: refit.smoothedLoss.map((losses, k) => keeps[k].map((i) => losses[i])), nByDomain };
}

/** L(n) = ε + β·n^(−α), with ε and β stored as logarithms. */
export function predictLoss(law: ScalingLaw, n: number): number {
  return Math.exp(law.logEps) + Math.exp(law.logBeta) * Math.pow(n, -law.alpha);
}

/** At most `max` indices into an array of `length`, evenly spread, always keeping the first and last. */
export function evenlySpacedIndices(length: number, max: number): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  if (max <= 1) return [length - 1];
  return Array.from({ length: max }, (_, i) => Math.round((i * (length - 1)) / (max - 1)));
}
