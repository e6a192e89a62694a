/**
 * Chart data for a comparison: one curve per run (colour = policy variant, dash = seed) built with
 * the dashboard's curve code, and each variant's average mixture beside the domains' token shares.
 */
import type { ChartDataset, ChartOptions } from 'chart.js';
import type { CompareResults } from '../../daemon/compare/results-file';
import { meanStd } from '../../daemon/compare/aggregate';
import { baseChartOptions, themedScale, themedTooltip, type ChartTheme } from '../charts/chart-theme';
import { curveDatasets, curveSeries, type CurveMetric, type CurvePoint } from '../charts/curve-series';
import { formatPercent } from '../charts/format';
import { domainColor, runDash, withAlpha } from '../charts/palette';
import type { RunData } from '../charts/run-data';

export interface OverlayRun {
  data: RunData;
  variant: string;
  variantIndex: number;
  seed: number;
  seedIndex: number;
}

export function overlayDatasets(runs: readonly OverlayRun[], metric: CurveMetric, seriesKey: string, smoothing: number, theme: ChartTheme): ChartDataset<'line', CurvePoint[]>[] {
  const view = { xAxis: 'step' as const, smoothing, logY: false, hidden: new Set<string>() };
  return runs.flatMap((run) =>
    curveDatasets(curveSeries([run.data], metric).filter((series) => series.key === seriesKey), view, theme)
      .map((dataset) => {
        const color = domainColor(run.variantIndex, theme.dark);
        // No faint unsmoothed copies: ten runs of them would bury the curves.
        return { ...dataset, rawPoints: [], label: `${run.variant} · seed ${run.seed}`, borderColor: color, backgroundColor: color, borderDash: runDash(run.seedIndex), borderWidth: 1.75 };
      }),
  );
}

/**
 * Each variant's average sampling weights (mean over its seeds), after the domains' shares of the
 * training tokens: the natural prior, the one reference every variant shares (variants may each
 * have their own prior).
 */
export function variantMixtureDatasets(results: CompareResults, trainTokens: readonly number[], theme: ChartTheme): ChartDataset<'bar', number[]>[] {
  const total = trainTokens.reduce((a, b) => a + b, 0);
  const variants = results.variants.flatMap((variant, index) => {
    const weights = results.runs.filter((r) => r.variant === variant && r.averageWeights).map((r) => r.averageWeights as number[]);
    if (weights.length === 0) return [];
    const mean = results.domains.map((_, k) => meanStd(weights.map((w) => w[k])).mean);
    return [{ label: variant, data: mean, backgroundColor: domainColor(index, theme.dark), borderWidth: 0 }];
  });
  const shares = { label: 'token share', data: trainTokens.map((tokens) => tokens / total), backgroundColor: withAlpha(theme.mutedForeground, 0.45), borderWidth: 0 };
  return total > 0 ? [shares, ...variants] : variants;
}

export function variantMixtureOptions(theme: ChartTheme, domains: readonly string[]): ChartOptions<'bar'> {
  return {
    ...baseChartOptions(theme),
    indexAxis: 'y',
    interaction: { mode: 'index', axis: 'y', intersect: false },
    scales: {
      x: { type: 'linear', min: 0, ...themedScale(theme, 'Average sampling weight'), ticks: { ...themedScale(theme, '').ticks, callback: (value) => formatPercent(Number(value)) } },
      y: { type: 'category', labels: [...domains], ...themedScale(theme, ''), ticks: { ...themedScale(theme, '').ticks, autoSkip: false } },
    },
    plugins: {
      legend: { display: false },
      tooltip: { ...themedTooltip<'bar'>(theme), callbacks: { label: (item) => `${item.dataset.label}: ${formatPercent(item.parsed.x ?? NaN)}` } },
    },
  };
}
