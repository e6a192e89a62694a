/**
 * The domain × time heatmap of sampling weights (chartjs-chart-matrix): one row per domain, one
 * column per group of steps, coloured by the group's mean weight on a viridis scale from 0 to the
 * largest weight shown.
 */
import type { ChartDataset, ChartOptions, ScriptableContext } from 'chart.js';
import { baseChartOptions, themedScale, themedTooltip, type ChartTheme } from './chart-theme';
import { viridis } from './color-scale';
import { formatPercent } from './format';
import type { RunData } from './run-data';
import { groupEdges, groupMeans, rowGroups } from './row-groups';
import { timeScale } from './time-axis';
import { formatX, xAxisTitle, xColumn, type XAxisKind } from './x-axis';

export interface HeatmapCell {
  /** The column's centre and width in x-axis units. */
  x: number;
  width: number;
  /**
   * The domain's name: a category scale maps names to rows, while a number would be taken as the
   * cell's position in the data array.
   */
  y: string;
  /** The mean weight over the column. */
  v: number;
}

export interface WeightHeatmap {
  cells: HeatmapCell[];
  maxWeight: number;
}

export const HEATMAP_COLUMNS = 160;

export function weightHeatmap(run: RunData, xAxis: XAxisKind, maxColumns = HEATMAP_COLUMNS): WeightHeatmap {
  const table = run.steps;
  if (!table || table.rows === 0) return { cells: [], maxWeight: 0 };
  const groups = rowGroups(table.rows, maxColumns);
  const edges = groupEdges(table.column(xColumn(xAxis)), groups);
  const cells: HeatmapCell[] = [];
  let maxWeight = 0;
  run.domains.forEach((domain, k) => {
    groupMeans(table.column(run.stepColumns.weight(k)), groups).forEach((v, g) => {
      if (!Number.isFinite(v)) return;
      maxWeight = Math.max(maxWeight, v);
      cells.push({ x: (edges[g] + edges[g + 1]) / 2, width: Math.max(edges[g + 1] - edges[g], 0), y: domain, v });
    });
  });
  return { cells, maxWeight };
}

export function heatmapDataset(heatmap: WeightHeatmap, domainCount: number): ChartDataset<'matrix', HeatmapCell[]> {
  // chart.js also resolves these for the dataset as a whole, where there is no cell.
  const cellOf = (context: ScriptableContext<'matrix'>) => context.raw as HeatmapCell | undefined;
  return {
    label: 'weight',
    data: heatmap.cells,
    // An array, not a function: thousands of cells resolve it without a context object each.
    backgroundColor: heatmap.cells.map((cell) => viridis(cell.v / (heatmap.maxWeight || 1))),
    borderWidth: 0,
    width: (context) => {
      const { x } = context.chart.scales;
      const cell = cellOf(context);
      if (!x || !cell) return 0;
      // At least a pixel, so one-step columns at the live edge stay visible.
      return Math.max(1, x.getPixelForValue(cell.x + cell.width / 2) - x.getPixelForValue(cell.x - cell.width / 2) + 0.5);
    },
    height: (context) => (context.chart.chartArea ? context.chart.chartArea.height / Math.max(domainCount, 1) : 0),
  };
}

/** Independent of the data, so live updates need not replace them. */
export function heatmapOptions(theme: ChartTheme, domains: readonly string[], xAxis: XAxisKind): ChartOptions<'matrix'> {
  return {
    ...baseChartOptions(theme),
    scales: {
      x: {
        ...timeScale(theme, xAxis),
        grid: { display: false },
        // The axis spans the cells' edges, not just their centres, so the first and last columns show whole.
        afterDataLimits: (scale) => {
          const cells = (scale.chart.data.datasets[0]?.data ?? []) as HeatmapCell[];
          if (cells.length === 0) return;
          scale.min = Math.min(...cells.map((cell) => cell.x - cell.width / 2));
          scale.max = Math.max(...cells.map((cell) => cell.x + cell.width / 2));
        },
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
        ...themedTooltip<'matrix'>(theme),
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
