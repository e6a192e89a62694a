/**
 * The first line of a replay log: the domains, the prior, and the policy with its parameters,
 *   {"domains": [names], "prior": [K numbers], "ado": {mixture.ado keys}}                  (ADO)
 *   {"domains", "prior", "policy": "natural"|"balanced"|"fixed"|"odm", "<policy>": {...}}   (baselines)
 * plus an optional "tokensPerSample" (default 1024, the unit of the paper's n). The policy
 * parameters are checked by the same schema as a run config's `mixture` section.
 */
import { validateConfigValue, type ResolvedRunConfig } from '../../shared/config';

export interface ReplayHeader {
  domains: string[];
  prior: Float64Array;
  mixture: ResolvedRunConfig['mixture'];
  tokensPerSample: number;
}

const HEADER_KEYS = ['domains', 'prior', 'policy', 'ado', 'odm', 'fixed', 'tokensPerSample'];
const DEFAULT_TOKENS_PER_SAMPLE = 1024;

/** Why the header is unusable, as a thrown Error with one sentence per problem. */
export function parseReplayHeader(value: unknown): ReplayHeader {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('the header must be a JSON object with "domains" and "prior"');
  const header = value as Record<string, unknown>;
  const unknown = Object.keys(header).filter((k) => !HEADER_KEYS.includes(k));
  if (unknown.length > 0) throw new Error(`unknown header key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; expected ${HEADER_KEYS.join(', ')}`);
  const domains = header.domains;
  if (!Array.isArray(domains) || domains.length === 0 || !domains.every((d) => typeof d === 'string' && d.length > 0)) {
    throw new Error('"domains" must be a non-empty array of domain names');
  }
  if (new Set(domains).size !== domains.length) throw new Error('"domains" lists a name twice');
  const prior = header.prior;
  if (!Array.isArray(prior) || prior.length !== domains.length || !prior.every((p) => typeof p === 'number' && Number.isFinite(p) && p > 0)) {
    throw new Error(`"prior" must be ${domains.length} positive numbers, one per domain`);
  }
  const tokensPerSample = header.tokensPerSample ?? DEFAULT_TOKENS_PER_SAMPLE;
  if (!Number.isInteger(tokensPerSample) || (tokensPerSample as number) < 1) throw new Error('"tokensPerSample" must be a positive integer');
  return { domains: domains as string[], prior: Float64Array.from(prior as number[]), mixture: checkedMixture(header, domains as string[]), tokensPerSample: tokensPerSample as number };
}

/** The mixture section through the run-config schema (its defaults filled), with paths shown as header keys. */
function checkedMixture(header: Record<string, unknown>, domains: string[]): ResolvedRunConfig['mixture'] {
  const mixture = Object.fromEntries(['policy', 'ado', 'odm', 'fixed'].filter((k) => header[k] !== undefined).map((k) => [k, header[k]]));
  const { config, diagnostics } = validateConfigValue({
    version: 1,
    name: 'replay',
    data: { domains: domains.map((name) => ({ name, path: name })) },
    // The log's length is unknown until it is read; no schedule rule should fire on a guess.
    training: { steps: 2 ** 31 - 1 },
    mixture,
  });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !config) {
    throw new Error(errors.map((d) => `${d.path.replace(/^mixture\./, '')}: ${d.message}`).join('; '));
  }
  return config.mixture;
}
