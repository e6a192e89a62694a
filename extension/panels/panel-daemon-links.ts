/**
 * Daemon links for the panels, one per attached daemon. The runs view's DaemonConnection does not
 * hand out its client's run streams, so the panels keep their own client to the same endpoint
 * (same URL, token and CA, all in the extension host), opened on first use and closed when the
 * daemon is detached.
 */
import * as vscode from 'vscode';
import { DaemonClient } from '../../shared/client/daemon-client';
import type { DaemonKind } from '../daemon/daemon-connection';
import type { DaemonRegistry } from '../daemon/daemon-registry';
import { clientDaemonLink } from './client-daemon-link';
import type { DaemonLink } from './daemon-link';

interface OpenClient {
  url: string;
  client: Promise<DaemonClient>;
}

export class PanelDaemonLinks implements vscode.Disposable {
  private readonly clients = new Map<DaemonKind, OpenClient>();
  private readonly attachEmitter = new vscode.EventEmitter<DaemonKind>();
  /** A daemon of this kind was attached (again): panels waiting for it can load their runs. */
  readonly onDidAttach = this.attachEmitter.event;
  private readonly subscription: vscode.Disposable;
  private attached = new Set<string>();

  constructor(private readonly registry: DaemonRegistry) {
    this.subscription = registry.onDidChange(() => this.sync());
    this.sync();
  }

  /** A link that reaches whichever daemon of `kind` is attached when it is used. */
  link(kind: DaemonKind): DaemonLink {
    const linked = async () => clientDaemonLink(await this.client(kind));
    return {
      request: async (method, params) => (await linked()).request(method, params),
      subscribe: async (runId, fromSeq, listener) => (await linked()).subscribe(runId, fromSeq, listener),
    };
  }

  dispose(): void {
    this.subscription.dispose();
    this.attachEmitter.dispose();
    for (const kind of [...this.clients.keys()]) this.close(kind);
  }

  private client(kind: DaemonKind): Promise<DaemonClient> {
    const connection = this.registry.get(kind);
    if (!connection) {
      return Promise.reject(new Error(`no ${kind} daemon is attached. Start or attach one from the ADO view; the dashboard loads as soon as it is.`));
    }
    const open = this.clients.get(kind);
    if (open?.url === connection.endpoint.url) return open.client;
    this.close(kind);
    const { url, token, ca } = connection.endpoint;
    const client = DaemonClient.connect({ url, token, ca, clientName: `ADO Studio panels ${__ADO_VERSION__}` });
    // A failed first connection must not stick: the next use tries again.
    client.catch(() => this.clients.get(kind)?.client === client && this.clients.delete(kind));
    this.clients.set(kind, { url, client });
    return client;
  }

  private sync(): void {
    const now = new Set(this.registry.all().map((c) => `${c.endpoint.kind} ${c.endpoint.url}`));
    for (const [kind, open] of this.clients) if (!now.has(`${kind} ${open.url}`)) this.close(kind);
    for (const key of now) if (!this.attached.has(key)) this.attachEmitter.fire(key.split(' ')[0] as DaemonKind);
    this.attached = now;
  }

  private close(kind: DaemonKind): void {
    const open = this.clients.get(kind);
    this.clients.delete(kind);
    void open?.client.then((client) => client.close(), () => {});
  }
}
