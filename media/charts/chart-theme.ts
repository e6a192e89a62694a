/**
 * Colours and fonts the charts are drawn with. Canvas pixels cannot follow CSS variables, so the
 * dashboard resolves VS Code's theme into this object (and again when the theme changes); the
 * HTML report passes fixed values.
 */
import type { CartesianScaleTypeRegistry, ChartType, ScaleOptionsByType, TooltipOptions } from 'chart.js';

export interface ChartTheme {
  dark: boolean;
  foreground: string;
  mutedForeground: string;
  grid: string;
  background: string;
  tooltipBackground: string;
  tooltipForeground: string;
  tooltipBorder: string;
  fontFamily: string;
  fontSize: number;
}

type AnyCartesianScale = ScaleOptionsByType<keyof CartesianScaleTypeRegistry>;

export function themedScale(theme: ChartTheme, title: string): Pick<AnyCartesianScale, 'grid' | 'ticks' | 'title' | 'border'> {
  return {
    grid: { color: theme.grid },
    border: { color: theme.grid },
    ticks: { color: theme.mutedForeground, font: { family: theme.fontFamily, size: theme.fontSize - 1 } },
    title: { display: title !== '', text: title, color: theme.mutedForeground, font: { family: theme.fontFamily, size: theme.fontSize - 1 } },
  } as Pick<AnyCartesianScale, 'grid' | 'ticks' | 'title' | 'border'>;
}

export function themedTooltip<T extends ChartType>(theme: ChartTheme): Partial<TooltipOptions<T>> {
  return {
    backgroundColor: theme.tooltipBackground,
    titleColor: theme.tooltipForeground,
    bodyColor: theme.tooltipForeground,
    borderColor: theme.tooltipBorder,
    borderWidth: 1,
    titleFont: { family: theme.fontFamily, size: theme.fontSize, weight: 'bold' },
    bodyFont: { family: theme.fontFamily, size: theme.fontSize },
  };
}

/** Options every chart shares: no animation (live data would animate forever), theme fonts, our own legend. */
export function baseChartOptions(theme: ChartTheme) {
  return {
    animation: false as const,
    responsive: true,
    maintainAspectRatio: false,
    color: theme.foreground,
    font: { family: theme.fontFamily, size: theme.fontSize },
  };
}
