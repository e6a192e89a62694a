/**
 * The daemons this window is attached to (at most one local and one remote), and the context
 * keys that menus and the welcome view depend on.
 */
import * as vscode from 'vscode';
import { notifyConnectionFailure } from './connection-failures';
import type { DaemonConnection, DaemonKind } from './daemon-connection';

export class DaemonRegistry implements vscode.Disposable {
  private readonly connections = new Map<DaemonKind, { connection: DaemonConnection; listeners: vscode.Disposable[] }>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** A daemon was attached or detached, or one of them changed (state or runs). */
  readonly onDidChange = this.changeEmitter.event;

  constructor() {
    this.updateContextKeys();
  }

  get(kind: DaemonKind): DaemonConnection | undefined {
    return this.connections.get(kind)?.connection;
  }

  all(): DaemonConnection[] {
    return [...this.connections.values()].map((c) => c.connection);
  }

  add(connection: DaemonConnection): void {
    this.remove(connection.endpoint.kind);
    const listeners = [
      connection.onDidChange(() => this.changeEmitter.fire()),
      connection.onDidFail((error) => {
        this.remove(connection.endpoint.kind);
        void notifyConnectionFailure(error, connection.endpoint);
      }),
      connection.onDidDrop((error) => void notifyConnectionFailure(error, connection.endpoint)),
    ];
    this.connections.set(connection.endpoint.kind, { connection, listeners });
    this.changed();
  }

  /** Closes the connection; the daemon itself keeps running. */
  remove(kind: DaemonKind): void {
    const entry = this.connections.get(kind);
    if (!entry) return;
    this.connections.delete(kind);
    for (const l of entry.listeners) l.dispose();
    entry.connection.dispose();
    this.changed();
  }

  dispose(): void {
    for (const kind of [...this.connections.keys()]) this.remove(kind);
    this.changeEmitter.dispose();
  }

  private changed(): void {
    this.updateContextKeys();
    this.changeEmitter.fire();
  }

  private updateContextKeys(): void {
    void vscode.commands.executeCommand('setContext', 'ado.daemonConnected', this.connections.size > 0);
    void vscode.commands.executeCommand('setContext', 'ado.localDaemonAttached', this.connections.has('local'));
    void vscode.commands.executeCommand('setContext', 'ado.remoteDaemonAttached', this.connections.has('remote'));
  }
}
