/** What every dashboard view renders from: the attached runs, the user's view choices and the theme. */
import type { ChartTheme } from '../charts/chart-theme';
import type { CurveView } from '../charts/curve-series';
import type { RunData } from '../charts/run-data';
import type { DashboardViewState } from '../shared/dashboard-messages';

export interface DashboardContext {
  /** In overlay order; the first is the run the panel was opened for. */
  runs: readonly RunData[];
  /** The run whose mixture, laws and log are shown. */
  focus: RunData | null;
  view: DashboardViewState;
  curveView: CurveView;
  theme: ChartTheme;
  /** Bumped when the theme changes, so views rebuild their chart options. */
  themeVersion: number;
}

/**
 * Changes whenever any of the runs changed (in `part`, when given), so views that show every run
 * know to redraw. The state is part of it: empty-state messages depend on it.
 */
export function runsRevision(runs: readonly RunData[], part?: keyof RunData['changes']): string {
  return runs.map((run) => `${run.runId}:${part ? run.changes[part] : run.revision}:${run.state}`).join(',');
}
