/** Builds the configured mixture policy. The built-in trainer, external runs and replays all come here. */
import type { ResolvedRunConfig } from '../../shared/config';
import { weightVector } from '../../shared/mixture-files';
import { capBounds } from '../../shared/weight-caps';
import { AdoPolicy } from './ado';
import { normalize, uniform } from './distribution';
import { OdmPolicy } from './odm';
import type { MixturePolicy } from './policy';
import { StaticPolicy } from './static-policies';

export interface PolicySpec {
  domains: readonly string[];
  /** μ, one entry per domain (normalised here). */
  prior: ArrayLike<number>;
  mixture: ResolvedRunConfig['mixture'];
  /** Tokens per sample, for n's 1024-token unit. */
  tokensPerSample: number;
  /** The fixed policy's weights when they come from a file (`mixture.fixed.file`), read by the caller. */
  fixedWeights?: ArrayLike<number>;
  /** The run's planned steps (training.steps), when known: ADO's final-loss objective plans them. */
  totalSteps?: number;
}

export function createPolicy(spec: PolicySpec): MixturePolicy {
  const prior = normalize(spec.prior, 'prior');
  const { mixture, domains } = spec;
  switch (mixture.policy) {
    case 'ado':
      return new AdoPolicy(domains, prior, mixture.ado, spec.tokensPerSample, spec.totalSteps === undefined ? undefined : {
        totalSteps: spec.totalSteps,
        ...(mixture.caps ? { caps: capBounds(domains, mixture.caps) } : {}),
      });
    case 'odm':
      return new OdmPolicy(domains, prior, mixture.odm);
    case 'natural':
      return new StaticPolicy('natural', domains, prior);
    case 'balanced':
      return new StaticPolicy('balanced', domains, uniform(domains.length));
    case 'fixed':
      return new StaticPolicy('fixed', domains, fixedWeights(spec));
  }
}

function fixedWeights(spec: PolicySpec): Float64Array {
  if (spec.fixedWeights) return normalize(spec.fixedWeights, 'fixed weights');
  const inline = spec.mixture.fixed?.weights;
  if (!inline) throw new Error('the fixed policy needs mixture.fixed.weights, or the weights read from mixture.fixed.file');
  return weightVector(inline, spec.domains);
}
