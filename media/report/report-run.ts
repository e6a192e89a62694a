/** A run of the payload as the charts' RunData, filled the way the dashboard fills it from the daemon. */
import { RunData } from '../charts/run-data';
import type { ReportRun } from './report-payload';

export function reportRunData(run: ReportRun): RunData {
  const data = new RunData(run.summary.id);
  data.applySummary(run.summary);
  data.applyHistory(run.history, run.summary.lastSeq);
  data.result = run.result;
  return data;
}
