/** The daemon or run a command acts on: the tree item it was invoked on, or one the user picks. */
import * as vscode from 'vscode';
import type { RunSummary } from '../../shared/protocol';
import type { DaemonConnection } from '../daemon/daemon-connection';
import type { DaemonRegistry } from '../daemon/daemon-registry';
import { runProgress } from '../views/run-presentation';
import type { RunNode } from '../views/runs-tree';

export interface RunTarget {
  connection: DaemonConnection;
  run: RunSummary;
}

/** The only attached daemon, or the one the user picks when there are two. */
export async function pickDaemon(registry: DaemonRegistry, placeholder: string): Promise<DaemonConnection | undefined> {
  const attached = registry.all();
  if (attached.length <= 1) return attached[0];
  const picked = await vscode.window.showQuickPick(
    attached.map((connection) => ({
      label: connection.endpoint.kind === 'local' ? 'Local daemon' : 'Remote daemon',
      description: connection.endpoint.url,
      connection,
    })),
    { placeHolder: placeholder },
  );
  return picked?.connection;
}

/** The run a command acts on: the tree item it was invoked on, or one the user picks among those `applies` accepts. */
export async function targetRun(
  registry: DaemonRegistry,
  node: RunNode | undefined,
  placeholder: string,
  applies: (run: RunSummary) => boolean = () => true,
): Promise<RunTarget | undefined> {
  if (node) {
    const connection = registry.get(node.daemon);
    const run = connection?.runs.get(node.runId);
    return connection && run ? { connection, run } : undefined;
  }
  const candidates = registry.all().flatMap((connection) => [...connection.runs.values()].filter(applies).map((run) => ({ connection, run })));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('ADO Studio: no run to act on.');
    return undefined;
  }
  // Runs submitted from one config share its name: newest first, each with its id, so the run
  // just submitted is on top and an older, finished one is not taken for it.
  candidates.sort((a, b) => b.run.createdAt - a.run.createdAt);
  const picked = await vscode.window.showQuickPick(
    candidates.map((target) => ({
      label: target.run.name,
      description: `${target.run.state} · ${runProgress(target.run)}`,
      detail: registry.all().length > 1 ? `${target.run.id} · ${target.connection.endpoint.url}` : target.run.id,
      target,
    })),
    { placeHolder: placeholder },
  );
  return picked?.target;
}
