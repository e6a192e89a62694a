/**
 * The webview panels' part of the extension: the Open Dashboard and Open Config Editor commands and
 * the serializers that bring both panels back after a window reload. extension.ts calls this once.
 */
import * as vscode from 'vscode';
import type { ConfigEditorState } from '../../media/shared/config-editor-messages';
import type { DashboardState } from '../../media/shared/dashboard-messages';
import { targetRun } from '../commands/pickers';
import type { DaemonRegistry } from '../daemon/daemon-registry';
import type { RunNode } from '../views/runs-tree';
import { CONFIG_EDITOR_VIEW_TYPE, ConfigEditorPanels } from './config-editor-panels';
import { DASHBOARD_VIEW_TYPE, DashboardPanels } from './dashboard-panels';
import { PanelDaemonLinks } from './panel-daemon-links';

export function registerPanels(context: vscode.ExtensionContext, registry: DaemonRegistry): vscode.Disposable[] {
  const links = new PanelDaemonLinks(registry);
  const dashboards = new DashboardPanels(context.extensionUri, links);
  const configEditors = new ConfigEditorPanels(context.extensionUri);
  return [
    links,
    dashboards,
    configEditors,
    vscode.commands.registerCommand('ado.openDashboard', async (node?: RunNode) => {
      // A run from the tree or a fresh submit is trusted as is: the runs view may not list it yet.
      if (node) return dashboards.show(node.daemon, node.runId);
      const target = await targetRun(registry, undefined, 'Run to show in the dashboard');
      if (target) dashboards.show(target.connection.endpoint.kind, target.run.id);
    }),
    vscode.commands.registerCommand('ado.openConfigEditor', (uri?: vscode.Uri) => configEditors.show(uri)),
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: DashboardState | undefined) => dashboards.restore(panel, state),
    }),
    vscode.window.registerWebviewPanelSerializer(CONFIG_EDITOR_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: ConfigEditorState | undefined) => configEditors.restore(panel, state),
    }),
  ];
}
