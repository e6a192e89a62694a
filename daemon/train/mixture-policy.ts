/** The run's mixture policy as its config describes it: the policy itself, wrapped in caps and epoch limits when set. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ResolvedRunConfig } from '../../shared/config';
import { parseJson } from '../../shared/json-syntax';
import { parseFixedWeights, weightVector } from '../../shared/mixture-files';
import { epochLimits } from '../../shared/planned-epochs';
import { capBounds } from '../../shared/weight-caps';
import { UserError } from '../util/user-error';
import { checkDataRoots } from '../data/data-roots';
import { CappedPolicy } from '../mixture/capped-policy';
import { createPolicy } from '../mixture/create-policy';
import type { MixturePolicy } from '../mixture/policy';

/** `dataRoots`: a daemon's, which a fixed-weights file must lie in; absent, any file may be read. */
export function mixturePolicy(config: ResolvedRunConfig, domains: readonly string[], prior: Float64Array, configDir: string, dataRoots?: readonly string[]): MixturePolicy {
  const { mixture } = config;
  const policy = createPolicy({
    domains,
    prior,
    mixture,
    tokensPerSample: mixture.ado.tokensPerSample ?? config.data.contextLength,
    totalSteps: config.training.steps,
    ...(mixture.policy === 'fixed' && mixture.fixed?.file ? { fixedWeights: fixedWeightsFile(resolve(configDir, mixture.fixed.file), domains, dataRoots) } : {}),
  });
  if (mixture.caps === undefined && mixture.maxEpochs === undefined) return policy;
  return new CappedPolicy(policy, capBounds(domains, mixture.caps ?? {}), { maxEpochs: epochLimits(domains, mixture.maxEpochs), onExhausted: mixture.onExhausted });
}

function fixedWeightsFile(file: string, domains: readonly string[], dataRoots: readonly string[] | undefined): Float64Array {
  checkDataRoots(file, 'mixture.fixed.file', dataRoots);
  try {
    return weightVector(parseFixedWeights(parseJson(readFileSync(file, 'utf8'))).weights, domains);
  } catch (error) {
    throw new UserError(`mixture.fixed.file ${file}: ${(error as Error).message}`);
  }
}
