/** Shows why a daemon connection failed, with the one action that helps. */
import * as vscode from 'vscode';
import type { DaemonEndpoint } from './daemon-connection';
import { describeConnectionFailure, type FailureKind } from './failure-messages';

/** Shows the failure with the one action that helps for its kind. */
export async function notifyConnectionFailure(error: unknown, endpoint: Pick<DaemonEndpoint, 'kind' | 'url'>): Promise<void> {
  const failure = describeConnectionFailure(error, endpoint);
  const showLog = endpoint.kind === 'local' ? { title: 'Show Daemon Log', run: () => vscode.commands.executeCommand('ado.showDaemonLog') } : undefined;
  const actions: Record<FailureKind, { title: string; run: () => Thenable<unknown> } | undefined> = {
    auth: endpoint.kind === 'remote' ? { title: 'Attach…', run: () => vscode.commands.executeCommand('ado.attachRemoteDaemon') } : undefined,
    tls: { title: 'Open Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'ado.remote.caFile') },
    protocol: undefined,
    unreachable: showLog,
    dropped: showLog,
  };
  const action = actions[failure.kind];
  const choice = await vscode.window.showErrorMessage(failure.message, ...(action ? [action.title] : []));
  if (action && choice === action.title) await action.run();
}
