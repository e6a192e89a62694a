/**
 * Messages between the dashboard webview and the extension host, which relays to the daemon.
 * The webview never sees the daemon's address or token: it asks the host, the host asks the daemon.
 */
import type { RequestResults, RunSummary } from '../../shared/protocol';
import type { RunEvent } from '../../shared/run-events';
import type { XAxisKind } from '../charts/x-axis';

/** Direction: extension host → webview. */
export type HostToDashboard =
  /** Which daemon the panel reads from; the page keeps it in its state for the serializer. */
  | { type: 'source'; source: string }
  /** Runs the user may overlay, answering `listRuns`. */
  | { type: 'runs'; runs: RunSummary[] }
  /** A run is attached (or its summary changed); its data follows as `history` then `events`. */
  | { type: 'run'; run: RunSummary }
  /** The downsampled backfill; `coveredSeq` is the newest event seq it includes. */
  | { type: 'history'; runId: string; history: RequestResults['runs.history']; coveredSeq: number }
  /** Streamed events in seq order, batched per run. */
  | { type: 'events'; runId: string; events: RunEvent[] }
  | { type: 'error'; runId?: string; message: string };

/** Direction: webview → extension host. */
export type DashboardToHost =
  /** The page loaded (again, after a reload): send every attached run from scratch. */
  | { type: 'ready' }
  | { type: 'attach'; runId: string }
  | { type: 'detach'; runId: string }
  | { type: 'listRuns' }
  | { type: 'resume'; runId: string }
  /** `data` is a data: URL for PNG, the text for CSV; the host asks where to save it. */
  | { type: 'export'; format: 'png' | 'csv'; fileName: string; data: string };

/** What the dashboard keeps in its webview state, and the serializer reads back after a reload. */
export interface DashboardState {
  /** Opaque to the page: the host's name for the daemon (e.g. "local"). */
  source: string | null;
  runIds: string[];
  view: DashboardViewState;
}

export interface DashboardViewState {
  xAxis: XAxisKind;
  smoothing: number;
  logY: boolean;
  hidden: string[];
  mixture: 'heatmap' | 'area';
  /** The run whose mixture and laws are shown when several are overlaid. */
  focusRunId: string | null;
  lawDomain: string | null;
}
