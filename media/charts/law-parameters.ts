/** The newest fitted law of one domain in readable units, for the detail table and `ado report`. */
import type { RunData } from './run-data';

export interface LawParameters {
  /** ε, the loss the law tends to (nats). */
  epsilon: number;
  beta: number;
  alpha: number;
  /** L̂(n) at the refit's n. */
  predicted: number;
  /** ADO's preference ρ for the domain at that refit. */
  preference: number;
  objective: number;
  step: number;
  /** n at the refit, in 1024-token samples. */
  n: number;
  refits: number;
}

export function latestLawParameters(run: RunData, domain: number): LawParameters | null {
  const fit = run.fits[run.fits.length - 1];
  const law = fit?.laws[domain];
  if (!fit || !law) return null;
  return {
    epsilon: Math.exp(law.logEps),
    beta: Math.exp(law.logBeta),
    alpha: law.alpha,
    predicted: fit.predicted[domain],
    preference: fit.preference[domain],
    objective: fit.objectives[domain],
    step: fit.step,
    n: fit.n,
    refits: run.fits.length,
  };
}
