/**
 * The chart theme from VS Code's CSS variables. Canvas colours are resolved once per theme, since
 * chart.js draws pixels and cannot follow a variable when the user switches themes.
 */
import type { ChartTheme } from '../charts/chart-theme';
import { withAlpha } from '../charts/palette';

export function readChartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const variable = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const dark = document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast');
  const foreground = canvasColor(variable('--vscode-foreground', dark ? '#cccccc' : '#333333'));
  return {
    dark,
    foreground,
    mutedForeground: canvasColor(variable('--vscode-descriptionForeground', foreground)),
    grid: withAlpha(foreground, 0.12),
    background: canvasColor(variable('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff')),
    tooltipBackground: canvasColor(variable('--vscode-editorHoverWidget-background', dark ? '#252526' : '#f3f3f3')),
    tooltipForeground: canvasColor(variable('--vscode-editorHoverWidget-foreground', foreground)),
    tooltipBorder: canvasColor(variable('--vscode-editorHoverWidget-border', foreground)),
    fontFamily: variable('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: parseFloat(variable('--vscode-font-size', '13px')) || 13,
  };
}

/** VS Code switches themes by changing body classes and the variables on <html>. */
export function onThemeChange(listener: () => void): void {
  const observer = new MutationObserver(listener);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}

let probe: CanvasRenderingContext2D | null = null;

/** Any CSS colour as the canvas normalises it (#rrggbb or rgba()), which withAlpha can then fade. */
function canvasColor(css: string): string {
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return css;
  probe.fillStyle = '#000000';
  probe.fillStyle = css;
  return String(probe.fillStyle);
}
