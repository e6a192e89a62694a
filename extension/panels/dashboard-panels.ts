/**
 * Dashboard panels in VS Code: one per run it was opened for (other runs can be overlaid), each
 * reading from one daemon. The panel keeps the daemon's kind in its webview state, so after a
 * window reload the serializer reconnects it to the same daemon and the page restores its view.
 */
import * as vscode from 'vscode';
import type { DashboardState, HostToDashboard } from '../../media/shared/dashboard-messages';
import { isDashboardToHost } from './panel-messages';
import type { DaemonKind } from '../daemon/daemon-connection';
import { DashboardRelay } from './dashboard-relay';
import type { PanelDaemonLinks } from './panel-daemon-links';
import { saveExport } from './save-export';
import { showPage, webviewPanelOptions } from './webview-panel-html';

export const DASHBOARD_VIEW_TYPE = 'ado.dashboard';

interface OpenDashboard {
  daemon: DaemonKind;
  panel: vscode.WebviewPanel;
  relay: DashboardRelay;
}

export class DashboardPanels implements vscode.Disposable {
  private readonly open = new Set<OpenDashboard>();
  private readonly attachSubscription: vscode.Disposable;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly links: PanelDaemonLinks,
  ) {
    // Panels restored before their daemon was attached load once it is.
    this.attachSubscription = links.onDidAttach((daemon) => {
      for (const dashboard of this.open) if (dashboard.daemon === daemon) void dashboard.relay.handle({ type: 'ready' });
    });
  }

  /** Shows the run's dashboard, reusing a panel already opened for it. */
  show(daemon: DaemonKind, runId: string): void {
    const existing = [...this.open].find((d) => d.daemon === daemon && d.relay.runIds[0] === runId);
    if (existing) return existing.panel.reveal();
    const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, 'ADO Dashboard', vscode.ViewColumn.Active, webviewPanelOptions(this.extensionUri));
    this.host(panel, daemon, [runId]);
  }

  /** The WebviewPanelSerializer's half: the page restores its own view from the same state. */
  restore(panel: vscode.WebviewPanel, state: DashboardState | undefined): void {
    this.host(panel, state?.source === 'remote' ? 'remote' : 'local', state?.runIds ?? []);
  }

  dispose(): void {
    this.attachSubscription.dispose();
    for (const dashboard of [...this.open]) dashboard.panel.dispose();
  }

  private host(panel: vscode.WebviewPanel, daemon: DaemonKind, runIds: string[]): void {
    const post = (message: HostToDashboard) => {
      if (message.type === 'run' && message.run.id === relay.runIds[0]) panel.title = `ADO: ${message.run.name}`;
      void panel.webview.postMessage(message);
    };
    const relay = new DashboardRelay(this.links.link(daemon), post, saveExport, runIds);
    const dashboard: OpenDashboard = { daemon, panel, relay };
    this.open.add(dashboard);
    showPage(panel.webview, this.extensionUri, 'dashboard', 'ADO Dashboard');
    const received = panel.webview.onDidReceiveMessage((message: unknown) => {
      if (!isDashboardToHost(message)) return;
      if (message.type === 'ready') void panel.webview.postMessage({ type: 'source', source: daemon } satisfies HostToDashboard);
      void relay.handle(message);
    });
    panel.onDidDispose(() => {
      received.dispose();
      relay.dispose();
      this.open.delete(dashboard);
    });
  }
}
