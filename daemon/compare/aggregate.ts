/**
 * Comparison statistics: per variant, mean ± sample standard deviation over seeds of the
 * held-out validation losses (per domain, the uniform average and the token-weighted average),
 * and the winner (lowest mean) of each metric. Pure.
 */

export interface RunMetrics {
  variant: string;
  seed: number;
  /** Validation loss per domain (nats/token). */
  losses: number[];
  uniform: number;
  tokenWeighted: number;
}

export interface MeanStd {
  mean: number;
  /** Sample standard deviation (n − 1); 0 with a single seed. */
  std: number;
  n: number;
}

export interface VariantSummary {
  variant: string;
  uniform: MeanStd;
  tokenWeighted: MeanStd;
  perDomain: MeanStd[];
}

export interface Winners {
  uniform: string;
  tokenWeighted: string;
  perDomain: string[];
}

export function meanStd(values: number[]): MeanStd {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, std: Math.sqrt(variance), n };
}

export function summarise(runs: RunMetrics[], variants: string[]): VariantSummary[] {
  return variants.map((variant) => {
    const mine = runs.filter((r) => r.variant === variant);
    if (mine.length === 0) throw new Error(`no finished runs for "${variant}"`);
    const domains = mine[0].losses.length;
    return {
      variant,
      uniform: meanStd(mine.map((r) => r.uniform)),
      tokenWeighted: meanStd(mine.map((r) => r.tokenWeighted)),
      perDomain: Array.from({ length: domains }, (_, k) => meanStd(mine.map((r) => r.losses[k]))),
    };
  });
}

export function winners(summaries: VariantSummary[]): Winners {
  const best = (metric: (s: VariantSummary) => number) => summaries.reduce((a, b) => (metric(b) < metric(a) ? b : a)).variant;
  return {
    uniform: best((s) => s.uniform.mean),
    tokenWeighted: best((s) => s.tokenWeighted.mean),
    perDomain: summaries[0].perDomain.map((_, k) => best((s) => s.perDomain[k].mean)),
  };
}

export interface Lead {
  winner: string;
  runnerUp: string;
  /** Runner-up's mean minus the winner's (≥ 0). */
  gap: number;
  /**
   * The gap is smaller than the larger of the two seed standard deviations: the ranking may not
   * survive another seed. Null when either has a single seed, which measures no spread.
   */
  withinSpread: boolean | null;
}

/** How clearly the winner of a metric leads; null with fewer than two variants. */
export function lead(summaries: VariantSummary[], metric: (s: VariantSummary) => MeanStd): Lead | null {
  if (summaries.length < 2) return null;
  const [first, second] = [...summaries].sort((a, b) => metric(a).mean - metric(b).mean);
  const gap = metric(second).mean - metric(first).mean;
  const spreadKnown = metric(first).n > 1 && metric(second).n > 1;
  return { winner: first.variant, runnerUp: second.variant, gap, withinSpread: spreadKnown ? gap < Math.max(metric(first).std, metric(second).std) : null };
}
