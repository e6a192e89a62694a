/**
 * One attached daemon as the UI sees it: connection state and runs, kept current from
 * `runs.changed` notifications and the `run.event` stream of every unfinished run (no polling).
 * The shared client reconnects and resubscribes from the last seq; after a reconnect the run list
 * is read again, since `runs.changed` notifications sent while away are not replayed.
 */
import * as vscode from 'vscode';
import { droppedByDaemon } from '../../shared/client/close-codes';
import { DaemonClient, DaemonConnectionError, type ConnectionState, type RunSubscription } from '../../shared/client/daemon-client';
import type { RequestMethod, RequestParams, RequestResults, RunSummary } from '../../shared/protocol';
import { FINAL_STATES, type RunEvent } from '../../shared/run-events';

export type DaemonKind = 'local' | 'remote';

export interface DaemonEndpoint {
  kind: DaemonKind;
  url: string;
  token: string;
  /** Extra CA certificate(s) to trust for wss:// (a self-signed daemon). */
  ca?: Buffer;
}

/** Step events can arrive many times a second; views need not redraw that often. */
const REDRAW_INTERVAL_MS = 250;

export class DaemonConnection implements vscode.Disposable {
  readonly runs = new Map<string, RunSummary>();
  /** Per run, the domain names its weight vectors refer to (from the run's meta event). */
  private readonly domains = new Map<string, string[]>();
  private readonly followed = new Map<string, Promise<RunSubscription | undefined>>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly lostEmitter = new vscode.EventEmitter<Error>();
  private readonly droppedEmitter = new vscode.EventEmitter<DaemonConnectionError>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter, this.lostEmitter, this.droppedEmitter];
  private redrawTimer: NodeJS.Timeout | undefined;

  /** Runs or connection state changed. */
  readonly onDidChange = this.changeEmitter.event;
  /** The client gave up for good (e.g. the token was rotated): the connection is closed. */
  readonly onDidFail = this.lostEmitter.event;
  /** The daemon closed the connection over one of its limits (a window that fell behind); the client is reconnecting. */
  readonly onDidDrop = this.droppedEmitter.event;

  private constructor(readonly endpoint: DaemonEndpoint, private readonly client: DaemonClient) {
    this.disposables.push(
      client.onNotification('runs.changed', ({ run, deleted }) => this.applySummary(run, deleted === true)),
      client.onStateChange((state, error) => {
        if (state === 'connected') void this.resync();
        if (state === 'closed' && error) this.lostEmitter.fire(error);
        if (state === 'reconnecting' && error instanceof DaemonConnectionError && error.close && droppedByDaemon(error.close.code)) this.droppedEmitter.fire(error);
        this.changeEmitter.fire();
      }),
    );
  }

  /** Connects (no retry on this first attempt), then loads the runs. */
  static async open(endpoint: DaemonEndpoint): Promise<DaemonConnection> {
    const client = await DaemonClient.connect({
      url: endpoint.url,
      token: endpoint.token,
      ca: endpoint.ca,
      clientName: `ADO Studio for VS Code ${__ADO_VERSION__} (${vscode.env.appName} ${vscode.version})`,
    });
    const connection = new DaemonConnection(endpoint, client);
    await connection.resync();
    return connection;
  }

  get state(): ConnectionState {
    return this.client.state;
  }

  get daemonVersion(): string {
    return this.client.info.daemonVersion;
  }

  get capabilities(): readonly string[] {
    return this.client.info.capabilities;
  }

  request<M extends RequestMethod>(method: M, params: RequestParams<M>): Promise<RequestResults[M]> {
    return this.client.request(method, params);
  }

  /**
   * The run's events after `fromSeq`, on this connection's socket (the panels' relays use it too,
   * so a window keeps one connection per daemon): each once and in order, across reconnects.
   */
  subscribe(runId: string, fromSeq: number, listener: (event: RunEvent) => void): Promise<RunSubscription> {
    return this.client.subscribe(runId, listener, { fromSeq });
  }

  dispose(): void {
    clearTimeout(this.redrawTimer);
    for (const subscription of this.followed.values()) void subscription.then((s) => s?.dispose());
    this.client.close();
    for (const d of this.disposables) d.dispose();
  }

  private async resync(): Promise<void> {
    const { runs } = await this.client.request('runs.list', {});
    const current = new Set(runs.map((r) => r.id));
    for (const id of this.runs.keys()) if (!current.has(id)) this.applySummary(this.runs.get(id)!, true);
    for (const run of runs) this.applySummary(run, false);
  }

  private applySummary(run: RunSummary, deleted: boolean): void {
    if (deleted) {
      this.runs.delete(run.id);
      this.domains.delete(run.id);
      this.unfollow(run.id);
    } else {
      this.runs.set(run.id, run);
      if (FINAL_STATES.includes(run.state)) this.unfollow(run.id);
      else this.follow(run);
    }
    this.redrawSoon();
  }

  private follow(run: RunSummary): void {
    if (this.followed.has(run.id)) return;
    const subscription = (async () => {
      const { meta } = await this.client.request('runs.history', { runId: run.id, maxPoints: 2 });
      if (meta?.type === 'meta') this.domains.set(run.id, meta.domains);
      return this.subscribe(run.id, run.lastSeq, (event) => this.applyEvent(event));
    })().catch(() => {
      // The run was deleted meanwhile, or the connection dropped (the next resync follows it again).
      this.followed.delete(run.id);
      return undefined;
    });
    this.followed.set(run.id, subscription);
  }

  private unfollow(runId: string): void {
    void this.followed.get(runId)?.then((s) => s?.dispose());
    this.followed.delete(runId);
  }

  private applyEvent(event: RunEvent): void {
    const run = this.runs.get(event.runId);
    if (!run) return;
    const updated: RunSummary = { ...run, lastSeq: Math.max(run.lastSeq, event.seq) };
    switch (event.type) {
      case 'meta':
        this.domains.set(run.id, event.domains);
        updated.totalSteps = event.totalSteps ?? run.totalSteps;
        break;
      case 'step': {
        updated.step = event.step;
        updated.loss = event.loss ?? run.loss;
        const names = this.domains.get(run.id);
        const top = event.weights.reduce((best, w, i) => (w > event.weights[best] ? i : best), 0);
        if (names?.[top] !== undefined) updated.topDomain = { name: names[top], weight: event.weights[top] };
        break;
      }
      case 'eval':
        updated.validationLoss = event.uniform;
        break;
      case 'state':
        updated.state = event.state;
        updated.message = event.message;
        break;
      default:
        break;
    }
    this.runs.set(run.id, updated);
    this.redrawSoon();
  }

  private redrawSoon(): void {
    this.redrawTimer ??= setTimeout(() => {
      this.redrawTimer = undefined;
      this.changeEmitter.fire();
    }, REDRAW_INTERVAL_MS);
  }
}
