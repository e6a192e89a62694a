/** The newest fitted law of one domain in readable units, for the detail table and `ado report`. */
import { toCsv } from './csv';
import type { RunData } from './run-data';
import { fitN } from './scaling-law';

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
  /** The domain's n at the refit, in 1024-token samples. */
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
    n: fitN(fit, domain),
    refits: run.fits.length,
  };
}

/** Every refit's law for every domain, long format. */
export function lawsCsv(run: RunData): string {
  const header = ['step', 'n', 'domain', 'log_beta', 'log_eps', 'alpha', 'predicted', 'preference', 'objective'];
  const rows = run.fits.flatMap((fit) =>
    run.domains.map((domain, k) => [fit.step, fitN(fit, k), domain, fit.laws[k]?.logBeta ?? null, fit.laws[k]?.logEps ?? null, fit.laws[k]?.alpha ?? null, fit.predicted[k], fit.preference[k], fit.objectives[k]]),
  );
  return toCsv(header, rows);
}
