/** The comparison as a plain-text table: one row per variant, the winner of each column starred. */
import type { MeanStd, VariantSummary, Winners } from './aggregate';

/** "2.1234 ± 0.0012", or the mean alone for a single seed. */
export function formatMeanStd(m: MeanStd): string {
  return `${m.mean.toFixed(4)}${m.n > 1 ? ` ± ${m.std.toFixed(4)}` : ''}`;
}

export function compareTable(summaries: VariantSummary[], best: Winners, domains: string[]): string {
  const cell = (m: MeanStd, isBest: boolean) => `${formatMeanStd(m)}${isBest ? ' *' : ''}`;
  const header = ['policy', 'uniform avg', 'token-weighted', ...domains];
  const rows = summaries.map((s) => [
    s.variant,
    cell(s.uniform, best.uniform === s.variant),
    cell(s.tokenWeighted, best.tokenWeighted === s.variant),
    ...s.perDomain.map((m, k) => cell(m, best.perDomain[k] === s.variant)),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  const seeds = summaries[0]?.uniform.n ?? 0;
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `Validation loss (nats/token), lower is better; mean${seeds > 1 ? ` ± std over ${seeds} seeds` : ' (1 seed)'}; * = best in column.`,
  ].join('\n');
}
