/**
 * ADO Studio's extension host: wires the daemon connections, the runs view, the status bar, the
 * commands and the config language client together. Each piece lives in its own module.
 */
import * as vscode from 'vscode';
import { registerConfigCommands } from './commands/config-commands';
import { registerDaemonCommands } from './commands/daemon-commands';
import { registerExportMetrics } from './commands/export-metrics';
import { registerExportMixture } from './commands/export-mixture';
import { registerRunCommands } from './commands/run-commands';
import { DaemonLog } from './daemon/daemon-log';
import { DaemonRegistry } from './daemon/daemon-registry';
import { LocalDaemon } from './daemon/local-daemon';
import { RemoteDaemon } from './daemon/remote-daemon';
import { ConfigLanguageClient } from './language-client';
import { registerPanels } from './panels/register-panels';
import { RunSelection } from './views/run-selection';
import { RunsTree, type RunsTreeNode } from './views/runs-tree';
import { StatusBar } from './views/status-bar';

/**
 * The extension's exports (`vscode.extensions.getExtension('ado-studio.ado-studio').exports`): the
 * runs view's data exactly as the view shows it, for integration tests and other extensions.
 */
export interface AdoStudioApi {
  runs: vscode.TreeDataProvider<RunsTreeNode>;
}

let shutdown: (() => Promise<void>) | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<AdoStudioApi> {
  const registry = new DaemonRegistry();
  const log = new DaemonLog();
  const local = new LocalDaemon(context.asAbsolutePath('dist/ado.js'), registry, log);
  const remote = new RemoteDaemon(context.secrets, registry);
  const selection = new RunSelection(registry);
  const tree = new RunsTree(registry, selection);
  const languageClient = new ConfigLanguageClient(context.asAbsolutePath('dist/language-server.js'));

  context.subscriptions.push(
    log,
    selection,
    tree,
    new StatusBar(registry, selection),
    ...registerDaemonCommands(registry, local, remote, log),
    ...registerRunCommands(registry),
    registerExportMetrics(registry),
    registerExportMixture(registry),
    ...registerConfigCommands({ extensionPath: context.extensionPath, registry, local, selection, tree }),
    ...registerPanels(context, registry),
  );
  // Disposables cannot be awaited; deactivate awaits these so the daemon and server end cleanly.
  // VS Code disposes the subscriptions right after calling deactivate, without waiting: the
  // registry (its connections) outlives them, so the local daemon can still be told to stop.
  shutdown = async () => {
    await Promise.all([languageClient.dispose(), local.dispose()]);
    registry.dispose();
  };

  await languageClient.apply();
  void remote.restore();
  void local.attachIfRunning();
  return { runs: tree };
}

export async function deactivate(): Promise<void> {
  await shutdown?.();
}
