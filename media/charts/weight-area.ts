/**
 * The same weights as the heatmap, as stacked areas: the shares always sum to one, so shifts of
 * mass between domains read as boundaries moving. Every domain shares one x grid (row groups),
 * which stacking needs and per-series decimation would break.
 */
import type { ChartDataset, ChartOptions } from 'chart.js';
import { baseChartOptions, themedScale, themedTooltip, type ChartTheme } from './chart-theme';
import type { CurvePoint } from './curve-series';
import { formatPercent } from './format';
import { domainColor } from './palette';
import type { RunData } from './run-data';
import { groupMeans, rowGroups } from './row-groups';
import { timeScale, timeTooltipTitle, X_RANGE_ZOOM } from './time-axis';
import { xColumn, type XAxisKind } from './x-axis';

const AREA_POINTS = 300;

export function weightAreaDatasets(
  run: RunData,
  xAxis: XAxisKind,
  hidden: ReadonlySet<string>,
  theme: ChartTheme,
  maxPoints = AREA_POINTS,
): ChartDataset<'line', CurvePoint[]>[] {
  const table = run.steps;
  if (!table || table.rows === 0) return [];
  const groups = rowGroups(table.rows, maxPoints);
  const xs = groupMeans(table.column(xColumn(xAxis)), groups);
  return run.domains.flatMap((domain, k) => {
    if (hidden.has(domain)) return [];
    const weights = groupMeans(table.column(run.stepColumns.weight(k)), groups);
    return [
      {
        label: domain,
        data: Array.from(xs, (x, g) => ({ x, y: weights[g] })),
        borderColor: domainColor(k, theme.dark),
        backgroundColor: domainColor(k, theme.dark, 0.75),
        borderWidth: 0.75,
        pointRadius: 0,
        pointHitRadius: 4,
        fill: 'stack' as const,
        parsing: false as const,
        normalized: true,
        tension: 0,
      },
    ];
  });
}

export function weightAreaOptions(theme: ChartTheme, xAxis: XAxisKind): ChartOptions<'line'> {
  return {
    ...baseChartOptions(theme),
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: timeScale(theme, xAxis),
      y: {
        type: 'linear',
        stacked: true,
        min: 0,
        max: 1,
        ...themedScale(theme, 'Sampling weight'),
        ticks: { ...themedScale(theme, '').ticks, callback: (value) => formatPercent(Number(value)) },
      },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        ...themedTooltip<'line'>(theme),
        itemSort: (a, b) => (b.parsed.y ?? 0) - (a.parsed.y ?? 0),
        callbacks: {
          title: timeTooltipTitle(xAxis),
          label: (item) => `${item.dataset.label}: ${formatPercent(item.parsed.y ?? NaN)}`,
        },
      },
      zoom: X_RANGE_ZOOM,
    },
  };
}
