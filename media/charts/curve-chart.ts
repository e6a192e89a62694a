/** chart.js options for the loss curves: x by step, tokens or time, optional log y, box zoom and pan. */
import type { ChartOptions } from 'chart.js';
import { baseChartOptions, themedScale, themedTooltip, type ChartTheme } from './chart-theme';
import type { CurveView } from './curve-series';
import { formatLoss, formatLossTick } from './format';
import { timeScale, timeTooltipTitle, X_RANGE_ZOOM } from './time-axis';

export function curveChartOptions(theme: ChartTheme, view: Pick<CurveView, 'xAxis' | 'logY'>, yTitle: string): ChartOptions<'line'> {
  const yScale = themedScale(theme, yTitle);
  return {
    ...baseChartOptions(theme),
    interaction: { mode: 'nearest', axis: 'xy', intersect: false },
    scales: {
      x: timeScale(theme, view.xAxis),
      y: { type: view.logY ? 'logarithmic' : 'linear', ...yScale, ticks: { ...yScale.ticks, callback: (value) => formatLossTick(Number(value)) } },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        ...themedTooltip<'line'>(theme),
        callbacks: {
          title: timeTooltipTitle(view.xAxis),
          label: (item) => `${item.dataset.label}: ${formatLoss(item.parsed.y ?? NaN)}`,
        },
      },
      zoom: X_RANGE_ZOOM,
    },
  };
}
