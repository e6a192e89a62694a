/**
 * The report's chart colours: a fixed light theme, because the page is opened outside VS Code and
 * its PNGs go into papers and pull requests, which are mostly read on white.
 */
import type { ChartTheme } from '../charts/chart-theme';

export const REPORT_THEME: ChartTheme = {
  dark: false,
  foreground: '#1f2328',
  mutedForeground: '#59636e',
  grid: 'rgba(31, 35, 40, 0.1)',
  background: '#ffffff',
  tooltipBackground: '#ffffff',
  tooltipForeground: '#1f2328',
  tooltipBorder: '#d0d7de',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  fontSize: 12,
};
