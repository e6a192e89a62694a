/**
 * The time-based line charts (training and validation loss, for one or several overlaid runs):
 * which series exist, and how each becomes points for chart.js — smoothed as TensorBoard does,
 * then decimated to what a chart can draw quickly.
 */
import type { ChartDataset } from 'chart.js';
import type { BucketTable } from './bucket-table';
import type { ChartTheme } from './chart-theme';
import { toCsv } from './csv';
import { lttbIndices } from './decimate';
import { domainColor, runDash } from './palette';
import { EvalColumns, RunData, StepColumns, X_COLUMNS } from './run-data';
import { debiasedEma } from './smoothing';
import { xColumn, type XAxisKind } from './x-axis';

export interface CurveView {
  xAxis: XAxisKind;
  /** TensorBoard's smoothing weight in [0, 1). */
  smoothing: number;
  logY: boolean;
  /** Series keys (domain names or aggregate labels) the user switched off in the legend. */
  hidden: ReadonlySet<string>;
}

export interface CurveSeries {
  run: RunData;
  runIndex: number;
  /** What the legend toggles: the domain name, or the aggregate's label. */
  key: string;
  /** Its colour index; null for aggregates, drawn in the foreground colour. */
  domainIndex: number | null;
  table: BucketTable;
  column: number;
}

export interface CurvePoint {
  x: number;
  y: number;
}

export type CurveMetric = 'training' | 'validation';

export const AGGREGATE_KEYS = {
  batch: 'batch mean',
  uniform: 'uniform average',
  tokenWeighted: 'token-weighted average',
} as const;

/** Points per series after decimation: about one per horizontal pixel of a half-width chart. */
export const CURVE_POINTS = 600;

/**
 * Points asked of the daemon for a backfill: what a curve draws. More are decimated away again
 * before anything is drawn, while the history's size is most of what the first render waits for
 * (it crosses to the webview as JSON, and every row is loaded into the step table).
 */
export const HISTORY_POINTS = CURVE_POINTS;

export function curveSeries(runs: readonly RunData[], metric: CurveMetric): CurveSeries[] {
  return runs.flatMap((run, runIndex) => {
    const table = metric === 'training' ? run.steps : run.evals;
    if (!table) return [];
    const series = (key: string, domainIndex: number | null, column: number): CurveSeries => ({ run, runIndex, key, domainIndex, table, column });
    if (metric === 'training') {
      return [series(AGGREGATE_KEYS.batch, null, StepColumns.loss), ...run.domains.map((d, k) => series(d, k, run.stepColumns.domainLoss(k)))];
    }
    return [
      series(AGGREGATE_KEYS.uniform, null, EvalColumns.uniform),
      series(AGGREGATE_KEYS.tokenWeighted, null, EvalColumns.tokenWeighted),
      ...run.domains.map((d, k) => series(d, k, run.evalColumns.loss(k))),
    ];
  });
}

/** Smoothed (with, when smoothing, the raw values to draw faintly behind: raw-lines.ts), decimated to `maxPoints` each. */
export function curveDatasets(
  series: readonly CurveSeries[],
  view: CurveView,
  theme: ChartTheme,
  maxPoints = CURVE_POINTS,
): ChartDataset<'line', CurvePoint[]>[] {
  const overlaid = new Set(series.map((s) => s.runIndex)).size > 1;
  return series
    .filter((s) => !view.hidden.has(s.key))
    .map((s) => {
      const xs = s.table.column(xColumn(view.xAxis));
      const ys = s.table.column(s.column);
      const smoothed = view.smoothing > 0;
      const data = decimatedPoints(xs, smoothed ? debiasedEma(ys, view.smoothing) : ys, maxPoints);
      return {
        ...lineStyle(s, theme),
        label: overlaid ? `${s.run.name} · ${s.key}` : s.key,
        data,
        // A line needs two points: the first evaluation alone would leave the chart blank.
        pointRadius: data.length === 1 ? 3 : 0,
        rawPoints: smoothed ? decimatedPoints(xs, ys, maxPoints) : [],
      };
    });
}

/** Long format (one row per point), so runs with different x grids share one file. */
export function curveCsv(series: readonly CurveSeries[]): string {
  const header = ['run', 'series', 'step', 'tokens', 'elapsed_ms', 'value'];
  const rows = series.flatMap((s) => {
    const values = s.table.column(s.column);
    return Array.from(values, (value, row) => [
      s.run.name,
      s.key,
      s.table.value(X_COLUMNS.step, row),
      s.table.value(X_COLUMNS.tokens, row),
      s.table.value(X_COLUMNS.elapsedMs, row),
      value,
    ]);
  });
  return toCsv(header, rows);
}

function decimatedPoints(xs: Float64Array, ys: ArrayLike<number>, maxPoints: number): CurvePoint[] {
  return lttbIndices(xs, ys, maxPoints).map((i) => ({ x: xs[i], y: ys[i] }));
}

function lineStyle(s: CurveSeries, theme: ChartTheme) {
  const aggregate = s.domainIndex === null;
  const color = aggregate ? (s.key === AGGREGATE_KEYS.tokenWeighted ? theme.mutedForeground : theme.foreground) : domainColor(s.domainIndex ?? 0, theme.dark);
  return {
    borderColor: color,
    backgroundColor: color,
    borderWidth: aggregate ? 2.5 : 1.25,
    borderDash: runDash(s.runIndex),
    pointHitRadius: 6,
    spanGaps: true,
    tension: 0,
    parsing: false as const,
    normalized: true,
  };
}
