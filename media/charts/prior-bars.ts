/**
 * The prior beside the current weights, one pair of bars per domain: how far the policy has moved
 * the mixture, with each domain's epochs so far (ADO upweights small domains, which then repeat).
 */
import type { ChartDataset, ChartOptions } from 'chart.js';
import { baseChartOptions, themedScale, themedTooltip, type ChartTheme } from './chart-theme';
import { formatPercent } from './format';
import { domainColor, withAlpha } from './palette';
import type { RunData } from './run-data';

export function priorBarDatasets(run: RunData, theme: ChartTheme): ChartDataset<'bar', number[]>[] {
  const prior = run.meta?.prior ?? [];
  const current = run.latestWeights ?? [];
  return [
    { label: 'prior', data: [...prior], backgroundColor: withAlpha(theme.mutedForeground, 0.45), borderWidth: 0 },
    { label: 'current', data: [...current], backgroundColor: run.domains.map((_, k) => domainColor(k, theme.dark)), borderWidth: 0 },
  ];
}

/** `epochs` is read at hover time: the options outlive the RunData a backfill replaces. */
export function priorBarOptions(theme: ChartTheme, domains: readonly string[], epochs: () => readonly number[] | null): ChartOptions<'bar'> {
  return {
    ...baseChartOptions(theme),
    indexAxis: 'y',
    interaction: { mode: 'index', axis: 'y', intersect: false },
    scales: {
      x: {
        type: 'linear',
        min: 0,
        ...themedScale(theme, 'Sampling weight'),
        ticks: { ...themedScale(theme, '').ticks, callback: (value) => formatPercent(Number(value)) },
      },
      y: { type: 'category', labels: [...domains], ...themedScale(theme, ''), ticks: { ...themedScale(theme, '').ticks, autoSkip: false } },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        ...themedTooltip<'bar'>(theme),
        callbacks: {
          label: (item) => `${item.dataset.label}: ${formatPercent(item.parsed.x ?? NaN)}`,
          afterBody: (items) => {
            const domainEpochs = epochs()?.[items[0]?.dataIndex ?? -1];
            return domainEpochs === undefined ? '' : `epochs so far: ${domainEpochs.toFixed(2)}`;
          },
        },
      },
    },
  };
}
