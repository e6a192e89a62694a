/** Short, human-readable figures for the CLI's progress lines and summary table. Pure. */

/** 950 → "950", 12_345 → "12.3k", 2_050_000 → "2.05M". */
export function compactNumber(value: number): string {
  if (value < 1_000) return `${Math.round(value)}`;
  if (value < 1_000_000) return `${(value / 1_000).toPrecision(3)}k`;
  return `${(value / 1_000_000).toPrecision(3)}M`;
}

/** 1_234 → "1s", 192_000 → "3m12s", 7_500_000 → "2h05m". */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** The `count` heaviest domains, e.g. "code 31% · fiction 22% · legal 15%". */
export function topDomains(domains: readonly string[], weights: readonly number[], count = 3): string {
  return weights
    .map((weight, k) => ({ name: domains[k], weight }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, count)
    .map(({ name, weight }) => `${name} ${Math.round(weight * 100)}%`)
    .join(' · ');
}
