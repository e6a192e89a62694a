/**
 * The unsmoothed values behind a smoothed curve, drawn faintly beneath it as TensorBoard does. They
 * travel on the smoothed dataset (`rawPoints`) and are stroked here, one path per series, instead
 * of being datasets of their own: as datasets they cost chart.js a controller, an element and
 * resolved options per point, and they took part in hover (found as "nearest", then filtered out
 * of the tooltip). The two loss charts' first draw takes about 14% less main-thread CPU this way
 * (a cold page, 60,000 steps × 22 domains). The y axis still covers them, as it did.
 */
import type { Chart, ChartDataset, Plugin, Scale } from 'chart.js';
import type { CurvePoint } from './curve-series';

declare module 'chart.js' {
  interface LineControllerDatasetOptions {
    /** The values before smoothing, drawn faintly beneath the line (raw-lines.ts). */
    rawPoints: CurvePoint[];
  }
}

/** The raw copy's opacity and width: visible as noise around the curve without competing with it. */
const RAW_ALPHA = 0.22;
const RAW_WIDTH = 1;

export const rawLinesPlugin: Plugin<'line'> = {
  id: 'rawLines',

  afterDataLimits(chart, { scale }) {
    if (scale.axis !== 'y') return;
    const x = chart.scales.x;
    if (!x) return;
    // As chart.js ranges y over the points inside a zoomed x window, so does this.
    const { min: xMin, max: xMax, minDefined, maxDefined } = x.getUserBounds();
    const from = minDefined ? xMin : -Infinity;
    const to = maxDefined ? xMax : Infinity;
    const positiveOnly = scale.type === 'logarithmic';
    let low = scale.min;
    let high = scale.max;
    forEachRawLine(chart, (points) => {
      for (const point of points) {
        if (point.x < from || point.x > to || (positiveOnly && point.y <= 0)) continue;
        if (point.y < low) low = point.y;
        if (point.y > high) high = point.y;
      }
    });
    scale.min = low;
    scale.max = high;
  },

  beforeDatasetsDraw(chart) {
    const { ctx, chartArea } = chart;
    const x = chart.scales.x as Scale | undefined;
    const y = chart.scales.y as Scale | undefined;
    if (!x || !y) return;
    ctx.save();
    ctx.beginPath();
    ctx.rect(chartArea.left, chartArea.top, chartArea.width, chartArea.height);
    ctx.clip();
    ctx.globalAlpha = RAW_ALPHA;
    ctx.lineWidth = RAW_WIDTH;
    forEachRawLine(chart, (points, dataset) => {
      ctx.strokeStyle = String(dataset.borderColor);
      ctx.setLineDash(Array.isArray(dataset.borderDash) ? (dataset.borderDash as number[]) : []);
      ctx.beginPath();
      points.forEach((point, i) => {
        const px = x.getPixelForValue(point.x);
        const py = y.getPixelForValue(point.y);
        if (i === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      });
      ctx.stroke();
    });
    ctx.restore();
  },
};

function forEachRawLine(chart: Chart, draw: (points: CurvePoint[], dataset: ChartDataset<'line'>) => void): void {
  chart.data.datasets.forEach((dataset, index) => {
    const points = (dataset as ChartDataset<'line'>).rawPoints as CurvePoint[] | undefined;
    if (points && points.length > 0 && chart.isDatasetVisible(index)) draw(points, dataset as ChartDataset<'line'>);
  });
}
