/**
 * What `ado report` embeds in the HTML page for the browser bundle to draw. Each run comes in the
 * shape the dashboard already loads (the daemon's `runs.history`: steps downsampled, every eval
 * and fit), so the report and the dashboard fill the same RunData and draw with the same charts.
 */
import type { CompareResults } from '../../daemon/compare/results-file';
import type { RequestResults, RunSummary } from '../../shared/protocol';
import type { SummaryEvent } from '../../shared/run-events';

export const REPORT_PAYLOAD_ID = 'ado-report-data';

export interface ReportRun {
  summary: RunSummary;
  history: RequestResults['runs.history'];
  /** The run's summary event, once it has ended. */
  result: SummaryEvent | null;
  /** Warning and error log messages, newest last. */
  warnings: string[];
}

export interface ReportPayload {
  title: string;
  /** Milliseconds since the Unix epoch. */
  generatedAt: number;
  generator: string;
  runs: ReportRun[];
  /** Present for a compare dir: the results file, whose runs name the entries of `runs`. */
  comparison: CompareResults | null;
}
