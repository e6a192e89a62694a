/**
 * Which runs a comparison makes: every policy variant × every seed, each the same model, data,
 * token budget and seed as the others — only the mixture differs.
 *
 * Variants: "ado", "natural", "balanced", "odm", "fixed:<file>", and "ado@natural" /
 * "ado@balanced" for ADO with a given prior (ADO tracks its prior closely at small scale, so a
 * fair comparison shows it with each). "ado:<file>" (or "ado@balanced:<file>") is ADO with some of
 * its settings replaced by a file's, so that the paper's ADO and a variant of it share one table.
 */
import { resolveAdoConfig, type AdoConfig, type ResolvedRunConfig } from '../../shared/config';

export interface PolicyVariant {
  /** As the user wrote it; names the variant in tables. */
  label: string;
  policy: ResolvedRunConfig['mixture']['policy'];
  prior?: 'natural' | 'balanced';
  fixedFile?: string;
  /** ado:<file>: the file, and the `mixture.ado` settings read from it (by the caller, which does I/O). */
  adoSettingsFile?: string;
  adoSettings?: AdoConfig;
}

export interface PlannedRun {
  variant: PolicyVariant;
  seed: number;
  config: ResolvedRunConfig;
}

export class ComparePlanError extends Error {}

export function parseVariants(list: string): PolicyVariant[] {
  const labels = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (labels.length === 0) throw new ComparePlanError('--policies is empty; e.g. --policies ado,natural,balanced,odm');
  const variants = labels.map(parseVariant);
  const seen = new Set<string>();
  for (const v of variants) {
    if (seen.has(v.label)) throw new ComparePlanError(`--policies lists "${v.label}" twice`);
    seen.add(v.label);
  }
  return variants;
}

function parseVariant(label: string): PolicyVariant {
  if (label.startsWith('fixed:')) {
    const fixedFile = label.slice('fixed:'.length);
    if (!fixedFile) throw new ComparePlanError('"fixed:" needs a fixed-weights file, e.g. fixed:weights.json (see "ado export-mixture")');
    return { label, policy: 'fixed', fixedFile };
  }
  const settingsAt = label.indexOf(':');
  if (settingsAt >= 0) {
    const adoSettingsFile = label.slice(settingsAt + 1);
    const base = parseVariant(label.slice(0, settingsAt));
    if (base.policy !== 'ado') throw new ComparePlanError(`"${label}": only ado takes a settings file (ado:<file>, ado@balanced:<file>)`);
    if (!adoSettingsFile) throw new ComparePlanError(`"${label}" needs a file of ADO settings after the colon, e.g. ado:own-steps.json holding { "sameStepSize": false }`);
    return { ...base, label, adoSettingsFile };
  }
  const [policy, prior] = label.split('@');
  if (prior !== undefined) {
    if (policy !== 'ado' && policy !== 'odm') throw new ComparePlanError(`"${label}": only ado and odm take a prior (ado@natural, ado@balanced)`);
    if (prior !== 'natural' && prior !== 'balanced') throw new ComparePlanError(`"${label}": the prior must be natural or balanced`);
    return { label, policy, prior };
  }
  if (!['ado', 'natural', 'balanced', 'odm'].includes(policy)) {
    throw new ComparePlanError(`unknown policy "${label}"; use ado, ado@natural, ado@balanced, ado:<settings file>, natural, balanced, odm or fixed:<file>`);
  }
  return { label, policy: policy as PolicyVariant['policy'] };
}

/**
 * Seeds base, base+1, …: the same seeds for every variant. An ado:<file> variant's settings go over
 * `mixture.ado` as the base config wrote it, and are resolved together, so that what depends on
 * other settings (the auto schedule, sameStepSize under the final objective) follows the variant.
 */
export function planRuns(base: ResolvedRunConfig, variants: PolicyVariant[], seedCount: number, writtenAdo: AdoConfig = base.mixture.ado): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (let s = 0; s < seedCount; s++) {
    for (const variant of variants) {
      const config = structuredClone(base);
      const seed = base.seed + s;
      config.seed = seed;
      config.name = runName(base.name, variant.label, seed);
      config.mixture.policy = variant.policy;
      if (variant.prior) config.mixture.prior = variant.prior;
      if (variant.fixedFile) config.mixture.fixed = { file: variant.fixedFile };
      if (variant.adoSettings) config.mixture.ado = resolveAdoConfig(withAdoSettings(writtenAdo, variant.adoSettings), base.training.steps);
      runs.push({ variant, seed, config });
    }
  }
  return runs;
}

/** Run names are folder names of at most 64 characters; a file variant is named by its file's base name, and the seed always stays. */
function runName(base: string, label: string, seed: number): string {
  const variant = label.replace(/:(?:.*[\\/])?([^\\/]*?)(?:\.jsonc?)?$/, '-$1').replace(/[^A-Za-z0-9._-]/g, '_');
  const suffix = `-s${seed}`;
  return `${base}-${variant}`.slice(0, 64 - suffix.length) + suffix;
}

/** The nested `bounds` and `fit` merge key by key, so a file can change one bound and keep the rest. */
function withAdoSettings(base: AdoConfig, settings: AdoConfig): AdoConfig {
  return {
    ...base,
    ...settings,
    bounds: { ...base.bounds, ...settings.bounds },
    fit: { ...base.fit, ...settings.fit },
  };
}
