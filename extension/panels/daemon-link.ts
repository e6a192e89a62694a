/**
 * What the panels need from a daemon connection: requests and a run's event stream. The extension
 * host provides one per attached daemon, tests provide their own; the webviews never see either.
 */
import type { RequestMethod, RequestParams, RequestResults } from '../../shared/protocol';
import type { RunEvent } from '../../shared/run-events';

export interface Disposable {
  dispose(): void;
}

export interface DaemonLink {
  /** What the daemon announced in `initialize` (CAPABILITIES in shared/protocol.ts). */
  capabilities(): readonly string[];
  request<M extends RequestMethod>(method: M, params: RequestParams<M>): Promise<RequestResults[M]>;
  /**
   * Delivers the run's events with seq > fromSeq, persisted ones first, then live ones, each once
   * and in order until disposed, across reconnects (shared/client's DaemonClient does exactly this).
   */
  subscribe(runId: string, fromSeq: number, listener: (event: RunEvent) => void): Promise<Disposable>;
}
