/** Start/Stop Local Daemon, Attach to Remote Daemon…, Detach, Show Daemon Log. */
import * as vscode from 'vscode';
import { notifyConnectionFailure } from '../daemon/connection-failures';
import type { DaemonLog } from '../daemon/daemon-log';
import type { DaemonRegistry } from '../daemon/daemon-registry';
import type { LocalDaemon } from '../daemon/local-daemon';
import type { AttachArguments, RemoteDaemon } from '../daemon/remote-daemon';
import type { DaemonNode } from '../views/runs-tree';
import { pickDaemon } from './pickers';

export function registerDaemonCommands(registry: DaemonRegistry, local: LocalDaemon, remote: RemoteDaemon, log: DaemonLog): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('ado.startLocalDaemon', () => startLocalDaemon(local)),
    vscode.commands.registerCommand('ado.stopLocalDaemon', () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'ADO Studio: stopping the local daemon' }, () => local.stop()),
    ),
    vscode.commands.registerCommand('ado.attachRemoteDaemon', (args?: AttachArguments) => remote.attach(args)),
    vscode.commands.registerCommand('ado.detachDaemon', async (node?: DaemonNode) => {
      const daemon = node?.daemon ?? (await pickDaemon(registry, 'Detach from which daemon?'))?.endpoint.kind;
      if (daemon === 'remote') await remote.detach();
      else if (daemon === 'local') registry.remove('local');
    }),
    vscode.commands.registerCommand('ado.showDaemonLog', () => log.show()),
  ];
}

/** Resolves with the connection, or undefined after telling the user why it failed. */
export async function startLocalDaemon(local: LocalDaemon) {
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'ADO Studio: starting the local daemon…' },
      () => local.start(),
    );
  } catch (error) {
    void notifyConnectionFailure(error, { kind: 'local', url: 'this machine' });
    return undefined;
  }
}
