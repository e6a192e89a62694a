import type { ResolvedRunConfig } from '../../shared/config/resolve';
import { UserError } from '../util/user-error';
import type { PreparedCorpus } from './types';

export type PriorSpec = ResolvedRunConfig['mixture']['prior'];

/** Each domain's share of training tokens: the paper's natural distribution μ. */
export function naturalPrior(corpus: Pick<PreparedCorpus, 'domains'>): Float64Array {
  const sizes = Float64Array.from(corpus.domains, (domain) => domain.train.length);
  return normalise(sizes);
}

/** The prior a config asks for, as a distribution over `domains` (in their order). */
export function resolvePrior(spec: PriorSpec, domains: readonly string[], naturalShares: Float64Array): Float64Array {
  if (spec === 'natural') return Float64Array.from(naturalShares);
  if (spec === 'balanced') return new Float64Array(domains.length).fill(1 / domains.length);
  const unknown = Object.keys(spec).filter((name) => !domains.includes(name));
  if (unknown.length > 0) {
    throw new UserError(`mixture.prior names ${unknown.map((n) => `"${n}"`).join(', ')}, which the data does not have; its domains are ${domains.join(', ')}`);
  }
  const weights = Float64Array.from(domains, (name) => spec[name] ?? 0);
  const missing = domains.filter((_, i) => !(weights[i] > 0));
  if (missing.length > 0) {
    throw new UserError(`mixture.prior gives no positive weight to ${missing.map((n) => `"${n}"`).join(', ')}; every domain needs one`);
  }
  return normalise(weights);
}

function normalise(values: Float64Array): Float64Array {
  const total = values.reduce((sum, v) => sum + v, 0);
  return values.map((v) => v / total);
}
