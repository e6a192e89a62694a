/**
 * Warns, before any tokenising, when a run would repeat a domain more often than
 * `mixture.maxEpochs` allows at its starting distribution (the prior for ADO, the fixed weights for
 * "fixed", after caps). Used by `ado validate` and the language server; the trainer repeats the
 * check with exact token counts once the data is prepared.
 */
import { parseTree } from 'jsonc-parser';
import type { ConfigDiagnostic, ResolvedRunConfig } from '../../shared/config';
import { reporter } from '../../shared/config/semantic-rules';
import { TextPositions } from '../../shared/config/text-positions';
import { describeEpochOverrun, epochOverruns } from '../../shared/planned-epochs';
import { estimateTrainTokens } from '../data/estimate-train-tokens';
import { resolvePrior } from '../data/prior';
import { mixturePolicy } from '../train/mixture-policy';

/** `text` is the config's source and `config` its validated value; paths are relative to `configDir`. */
export async function plannedEpochDiagnostics(text: string, config: ResolvedRunConfig, configDir: string): Promise<ConfigDiagnostic[]> {
  const { maxEpochs } = config.mixture;
  const root = parseTree(text);
  if (maxEpochs === undefined || !root) return [];
  const estimate = await estimateTrainTokens(config.data, configDir);
  if (!estimate) return [];
  const weights = startingWeights(config, estimate.domains, estimate.tokens, configDir);
  if (!weights) return [];
  const diagnostics: ConfigDiagnostic[] = [];
  const report = reporter(root, new TextPositions(text), diagnostics);
  for (const overrun of epochOverruns(config, estimate.domains, weights, estimate.tokens)) {
    const path = typeof maxEpochs === 'object' && overrun.domain in maxEpochs ? ['mixture', 'maxEpochs', overrun.domain] : ['mixture', 'maxEpochs'];
    report('warning', 'epochs', path, describeEpochOverrun(overrun, estimate.basis));
  }
  return diagnostics;
}

/** The distribution the run's policy starts from, built by the trainer's own code; undefined when the config cannot build one (other checks say why). */
function startingWeights(config: ResolvedRunConfig, domains: string[], tokens: number[], configDir: string): Float64Array | undefined {
  const total = tokens.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return undefined;
  try {
    const prior = resolvePrior(config.mixture.prior, domains, Float64Array.from(tokens, (t) => t / total));
    return mixturePolicy(config, domains, prior, configDir).current();
  } catch {
    return undefined;
  }
}
