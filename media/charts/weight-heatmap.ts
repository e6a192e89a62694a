/**
 * The domain × time heatmap of sampling weights: one row per domain, one column per group of
 * steps, coloured by the group's mean weight on a viridis scale from 0 to the largest weight shown
 * (drawn as one bitmap, see heatmap-controller.ts).
 */
import type { ChartDataset, ChartOptions } from 'chart.js';
import { baseChartOptions, themedScale, themedTooltip, type ChartTheme } from './chart-theme';
import { formatPercent } from './format';
import type { HeatmapCell } from './heatmap-controller';
import type { RunData } from './run-data';
import { groupEdges, groupMeans, rowGroups } from './row-groups';
import { timeScale } from './time-axis';
import { formatX, xAxisTitle, xColumn, type XAxisKind } from './x-axis';

export interface WeightHeatmap {
  /** Every domain's row of `columns` cells, in domain order; NaN where a column has no weight. */
  cells: HeatmapCell[];
  columns: number;
  maxWeight: number;
}

export const HEATMAP_COLUMNS = 160;

export function weightHeatmap(run: RunData, xAxis: XAxisKind, maxColumns = HEATMAP_COLUMNS): WeightHeatmap {
  const table = run.steps;
  if (!table || table.rows === 0) return { cells: [], columns: 0, maxWeight: 0 };
  const groups = rowGroups(table.rows, maxColumns);
  const edges = groupEdges(table.column(xColumn(xAxis)), groups);
  const cells: HeatmapCell[] = [];
  let maxWeight = 0;
  run.domains.forEach((domain, k) => {
    groupMeans(table.column(run.stepColumns.weight(k)), groups).forEach((v, g) => {
      if (Number.isFinite(v)) maxWeight = Math.max(maxWeight, v);
      cells.push({ x: (edges[g] + edges[g + 1]) / 2, width: Math.max(edges[g + 1] - edges[g], 0), y: domain, v });
    });
  });
  return { cells, columns: groups.length, maxWeight };
}

export function heatmapDataset(heatmap: WeightHeatmap): ChartDataset<'heatmap', HeatmapCell[]> {
  return { label: 'weight', data: heatmap.cells, columns: heatmap.columns, maxValue: heatmap.maxWeight };
}

/** Independent of the data, so live updates need not replace them. */
export function heatmapOptions(theme: ChartTheme, domains: readonly string[], xAxis: XAxisKind): ChartOptions<'heatmap'> {
  return {
    ...baseChartOptions(theme),
    scales: {
      x: {
        ...timeScale(theme, xAxis),
        grid: { display: false },
      },
      y: {
        type: 'category',
        labels: [...domains],
        offset: true,
        reverse: false,
        ...themedScale(theme, ''),
        ticks: { ...themedScale(theme, '').ticks, autoSkip: false },
        grid: { display: false },
      },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        ...themedTooltip<'heatmap'>(theme),
        callbacks: {
          title: (items) => {
            const cell = items[0]?.raw as HeatmapCell | undefined;
            return cell?.y ?? '';
          },
          label: (item) => {
            const cell = item.raw as HeatmapCell;
            const range = `${formatX(xAxis, cell.x - cell.width / 2)}–${formatX(xAxis, cell.x + cell.width / 2)}`;
            return `${formatPercent(cell.v)} (${xAxisTitle(xAxis).toLowerCase()} ${range})`;
          },
        },
      },
    },
  };
}
