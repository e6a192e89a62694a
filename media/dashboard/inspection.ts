/**
 * A read-only window into what the dashboard draws and how long drawing takes. The browser tests
 * assert on chart data through it (series, point counts, heatmap cells), not on pixels, and the
 * benchmark reads render times from it. Bounded, so a long-lived panel does not grow.
 */
import type { ChartDescription } from './chart-card';

export interface RunDescription {
  runId: string;
  state: string | null;
  stepRows: number;
  evalRows: number;
  fits: number;
  lastSeq: number;
  logs: string[];
}

export interface DashboardDescription {
  runs: RunDescription[];
  charts: ChartDescription[];
  /** False while a render is scheduled, i.e. the charts do not show the newest data yet. */
  settled: boolean;
  renders: number;
  /** Milliseconds of the most recent render passes, newest last. */
  recentRenderMs: number[];
}

const RECENT_RENDERS = 240;

export class RenderTimer {
  count = 0;
  readonly recent: number[] = [];

  time(render: () => void): void {
    const start = performance.now();
    render();
    this.count++;
    this.recent.push(performance.now() - start);
    if (this.recent.length > RECENT_RENDERS) this.recent.shift();
  }
}

declare global {
  interface Window {
    adoDashboard?: { describe(): DashboardDescription };
  }
}

export function publishInspection(describe: () => DashboardDescription): void {
  window.adoDashboard = { describe };
}
