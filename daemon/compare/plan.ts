/**
 * Which runs a comparison makes: every policy variant × every seed, each the same model, data,
 * token budget and seed as the others — only the mixture differs.
 *
 * Variants: "ado", "natural", "balanced", "odm", "fixed:<file>", and "ado@natural" /
 * "ado@balanced" for ADO with a given prior (ADO tracks its prior closely at small scale, so a
 * fair comparison shows it with each).
 */
import type { ResolvedRunConfig } from '../../shared/config';

export interface PolicyVariant {
  /** As the user wrote it; names the variant in tables. */
  label: string;
  policy: ResolvedRunConfig['mixture']['policy'];
  prior?: 'natural' | 'balanced';
  fixedFile?: string;
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
  const [policy, prior] = label.split('@');
  if (prior !== undefined) {
    if (policy !== 'ado' && policy !== 'odm') throw new ComparePlanError(`"${label}": only ado and odm take a prior (ado@natural, ado@balanced)`);
    if (prior !== 'natural' && prior !== 'balanced') throw new ComparePlanError(`"${label}": the prior must be natural or balanced`);
    return { label, policy, prior };
  }
  if (!['ado', 'natural', 'balanced', 'odm'].includes(policy)) {
    throw new ComparePlanError(`unknown policy "${label}"; use ado, ado@natural, ado@balanced, natural, balanced, odm or fixed:<file>`);
  }
  return { label, policy: policy as PolicyVariant['policy'] };
}

/** Seeds base, base+1, …: the same seeds for every variant. */
export function planRuns(base: ResolvedRunConfig, variants: PolicyVariant[], seedCount: number): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (let s = 0; s < seedCount; s++) {
    for (const variant of variants) {
      const config = structuredClone(base);
      const seed = base.seed + s;
      config.seed = seed;
      config.name = `${base.name}-${variant.label.replace(/[^A-Za-z0-9._-]/g, '_')}-s${seed}`.slice(0, 64);
      config.mixture.policy = variant.policy;
      if (variant.prior) config.mixture.prior = variant.prior;
      if (variant.fixedFile) config.mixture.fixed = { file: variant.fixedFile };
      runs.push({ variant, seed, config });
    }
  }
  return runs;
}
