/** The shared x axis of the time-based charts and the box zoom they all offer. */
import type { TooltipItem } from 'chart.js';
import { themedScale, type ChartTheme } from './chart-theme';
import { formatX, xAxisTitle, type XAxisKind } from './x-axis';

export function timeScale(theme: ChartTheme, xAxis: XAxisKind) {
  const themed = themedScale(theme, xAxisTitle(xAxis));
  return {
    type: 'linear' as const,
    ...themed,
    ticks: { ...themed.ticks, maxRotation: 0, callback: (value: number | string) => formatX(xAxis, Number(value)) },
  };
}

export function timeTooltipTitle(xAxis: XAxisKind) {
  return (items: TooltipItem<'line'>[]) => (items.length > 0 ? `${xAxisTitle(xAxis)} ${formatX(xAxis, items[0].parsed.x ?? NaN)}` : '');
}

/** Drag selects a range (as in W&B); shift-drag pans; the wheel zooms only with ctrl so the page still scrolls. */
export const X_RANGE_ZOOM = {
  zoom: { drag: { enabled: true }, wheel: { enabled: true, modifierKey: 'ctrl' as const }, pinch: { enabled: true }, mode: 'x' as const },
  pan: { enabled: true, mode: 'x' as const, modifierKey: 'shift' as const },
  limits: { x: { min: 'original' as const, max: 'original' as const } },
};
