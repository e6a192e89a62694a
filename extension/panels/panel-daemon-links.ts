/**
 * Daemon links for the panels: each reaches whichever daemon of its kind is attached when it is
 * used, over the runs view's own connection to it (one WebSocket per daemon and window).
 */
import * as vscode from 'vscode';
import type { DaemonConnection, DaemonKind } from '../daemon/daemon-connection';
import type { DaemonRegistry } from '../daemon/daemon-registry';
import type { DaemonLink } from './daemon-link';

export class PanelDaemonLinks implements vscode.Disposable {
  private readonly attachEmitter = new vscode.EventEmitter<DaemonKind>();
  /** A daemon of this kind was attached (again): panels waiting for it can load their runs. */
  readonly onDidAttach = this.attachEmitter.event;
  private readonly subscription: vscode.Disposable;
  private attached: Set<DaemonConnection>;

  constructor(private readonly registry: DaemonRegistry) {
    this.attached = new Set(registry.all());
    this.subscription = registry.onDidChange(() => this.sync());
  }

  link(kind: DaemonKind): DaemonLink {
    return {
      capabilities: () => this.connection(kind).capabilities,
      request: async (method, params) => this.connection(kind).request(method, params),
      subscribe: async (runId, fromSeq, listener) => this.connection(kind).subscribe(runId, fromSeq, listener),
    };
  }

  dispose(): void {
    this.subscription.dispose();
    this.attachEmitter.dispose();
  }

  private connection(kind: DaemonKind): DaemonConnection {
    const connection = this.registry.get(kind);
    if (!connection) throw new Error(`no ${kind} daemon is attached. Start or attach one from the ADO view; the dashboard loads as soon as it is.`);
    return connection;
  }

  /** A new connection (a daemon started, attached or restarted) lost the old one's subscriptions. */
  private sync(): void {
    const now = new Set(this.registry.all());
    for (const connection of now) if (!this.attached.has(connection)) this.attachEmitter.fire(connection.endpoint.kind);
    this.attached = now;
  }
}
