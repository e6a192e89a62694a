/**
 * One domain's scaling law: the smoothed losses the newest fit saw, the fitted L(n) = ε + β·n^(−α)
 * at that refit, fainter curves of earlier refits (how the law moved), and the predicted loss at
 * the current n. Used small for the grid of all domains and large for the detail view.
 */
import type { ChartDataset, ChartOptions } from 'chart.js';
import { baseChartOptions, themedScale, themedTooltip, type ChartTheme } from './chart-theme';
import type { CurvePoint } from './curve-series';
import { formatCount, formatLoss, formatLossTick } from './format';
import { domainColor } from './palette';
import type { RunData } from './run-data';
import { fitN, fitPointsN, lawCurve } from './scaling-law';

const CURVE_SAMPLES = 48;

export interface LawChartDetail {
  /** How many earlier refits to draw behind the newest, spread evenly over the run. */
  earlierRefits: number;
  pointRadius: number;
}

export const SMALL_LAW_CHART: LawChartDetail = { earlierRefits: 0, pointRadius: 1.5 };
export const LARGE_LAW_CHART: LawChartDetail = { earlierRefits: 6, pointRadius: 2.5 };

export function lawDatasets(run: RunData, domain: number, theme: ChartTheme, detail: LawChartDetail): ChartDataset<'scatter', CurvePoint[]>[] {
  const latest = run.fits[run.fits.length - 1];
  if (!latest) return [];
  const observed = observedPoints(run, domain);
  const observedN = observed.map((p) => p.x);
  const nNow = fitN(latest, domain);
  const nFrom = observedN.length > 0 ? Math.min(...observedN) : nNow / 10;
  const nTo = Math.max(nNow, ...observedN);
  const color = (alpha: number) => domainColor(domain, theme.dark, alpha);
  const curve = (fitIndex: number, alpha: number, width: number): ChartDataset<'scatter', CurvePoint[]> => ({
    label: `fit at step ${formatCount(run.fits[fitIndex].step)}`,
    data: lawCurve(run.fits[fitIndex].laws[domain], nFrom, nTo, CURVE_SAMPLES),
    showLine: true,
    borderColor: color(alpha),
    backgroundColor: color(alpha),
    borderWidth: width,
    pointRadius: 0,
    pointHitRadius: 3,
  });
  const earlier = spreadIndices(run.fits.length - 1, detail.earlierRefits);
  return [
    {
      label: 'observed (smoothed)',
      data: observed,
      backgroundColor: color(0.45),
      borderColor: color(0.45),
      pointRadius: detail.pointRadius,
      pointHoverRadius: detail.pointRadius + 2,
    },
    ...earlier.map((fitIndex, i) => curve(fitIndex, 0.15 + (0.35 * (i + 1)) / (earlier.length + 1), 1)),
    curve(run.fits.length - 1, 1, 2),
    {
      label: 'predicted L̂(n)',
      data: [{ x: nNow, y: latest.predicted[domain] }],
      backgroundColor: theme.foreground,
      borderColor: theme.foreground,
      pointStyle: 'crossRot',
      pointRadius: detail.pointRadius * 3,
      borderWidth: 2,
    },
  ];
}

export function lawChartOptions(theme: ChartTheme, withTitles: boolean): ChartOptions<'scatter'> {
  return {
    ...baseChartOptions(theme),
    interaction: { mode: 'nearest', intersect: false },
    scales: {
      x: {
        type: 'logarithmic',
        ...themedScale(theme, withTitles ? 'n (1024-token samples)' : ''),
        ticks: { ...themedScale(theme, '').ticks, maxRotation: 0, maxTicksLimit: withTitles ? 8 : 3, callback: (value) => formatCount(Number(value)) },
      },
      y: {
        type: 'linear',
        ...themedScale(theme, withTitles ? 'Training loss (nats/token)' : ''),
        ticks: { ...themedScale(theme, '').ticks, maxTicksLimit: withTitles ? 8 : 4, callback: (value) => formatLossTick(Number(value)) },
      },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        ...themedTooltip<'scatter'>(theme),
        callbacks: {
          title: (items) => (items.length > 0 ? `n = ${formatCount(items[0].parsed.x ?? NaN)}` : ''),
          label: (item) => `${item.dataset.label}: ${formatLoss(item.parsed.y ?? NaN)}`,
        },
      },
    },
  };
}

function observedPoints(run: RunData, domain: number): CurvePoint[] {
  const points = run.latestFitPoints;
  const losses = points?.loss[domain];
  if (!points || !losses) return [];
  return fitPointsN(points, domain).flatMap((n, i) => (n > 0 && Number.isFinite(losses[i]) ? [{ x: n, y: losses[i] }] : []));
}

/** Up to `count` indices of [0, end), evenly spread from the first to the one just before `end`. */
export function spreadIndices(end: number, count: number): number[] {
  const taken = Math.min(end, count);
  if (taken <= 1) return taken === 1 ? [end - 1] : [];
  return Array.from({ length: taken }, (_, i) => Math.round((i * (end - 1)) / (taken - 1)));
}
