/** The runs view: attached daemons, each with its runs. Redrawn from connection events, never polled. */
import * as vscode from 'vscode';
import type { DaemonConnection, DaemonKind } from '../daemon/daemon-connection';
import type { DaemonRegistry } from '../daemon/daemon-registry';
import { runContextValue, runIcon, runProgress, runTooltip } from './run-presentation';
import type { RunSelection } from './run-selection';

export const RUNS_VIEW_ID = 'adoRuns';

export interface DaemonNode {
  kind: 'daemon';
  daemon: DaemonKind;
}

export interface RunNode {
  kind: 'run';
  daemon: DaemonKind;
  runId: string;
}

export type RunsTreeNode = DaemonNode | RunNode;

export class RunsTree implements vscode.TreeDataProvider<RunsTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly view: vscode.TreeView<RunsTreeNode>;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly registry: DaemonRegistry, selection: RunSelection) {
    this.view = vscode.window.createTreeView(RUNS_VIEW_ID, { treeDataProvider: this, showCollapseAll: false });
    this.disposables = [
      this.view,
      this.changeEmitter,
      registry.onDidChange(() => this.changeEmitter.fire()),
      this.view.onDidChangeSelection(({ selection: [node] }) => {
        if (node?.kind === 'run') selection.select({ daemon: node.daemon, runId: node.runId });
      }),
    ];
  }

  getChildren(node?: RunsTreeNode): RunsTreeNode[] {
    if (!node) return this.registry.all().map((c) => ({ kind: 'daemon', daemon: c.endpoint.kind }));
    if (node.kind === 'run') return [];
    const runs = [...(this.registry.get(node.daemon)?.runs.values() ?? [])].sort((a, b) => b.createdAt - a.createdAt);
    return runs.map((run) => ({ kind: 'run', daemon: node.daemon, runId: run.id }));
  }

  getParent(node: RunsTreeNode): RunsTreeNode | undefined {
    return node.kind === 'run' ? { kind: 'daemon', daemon: node.daemon } : undefined;
  }

  getTreeItem(node: RunsTreeNode): vscode.TreeItem {
    const connection = this.registry.get(node.daemon);
    return node.kind === 'daemon' || !connection ? daemonItem(node.daemon, connection) : runItem(node, connection);
  }

  /** Shows and selects a run, e.g. one just submitted. */
  async reveal(node: RunNode): Promise<void> {
    await this.view.reveal(node, { select: true, focus: false, expand: true });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function daemonItem(daemon: DaemonKind, connection: DaemonConnection | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(daemon === 'local' ? 'Local daemon' : `Remote: ${connection ? new URL(connection.endpoint.url).host : ''}`,
    vscode.TreeItemCollapsibleState.Expanded);
  item.id = `daemon/${daemon}`;
  item.contextValue = `daemon-${daemon}`;
  item.iconPath = new vscode.ThemeIcon(daemon === 'local' ? 'server-process' : 'remote');
  if (connection) {
    const runs = connection.runs.size;
    item.description = connection.state === 'connected' ? `${runs} run${runs === 1 ? '' : 's'}` : `${connection.state}…`;
    item.tooltip = `${connection.endpoint.url} · daemon ${connection.daemonVersion} · ${connection.state}`;
  }
  return item;
}

function runItem(node: RunNode, connection: DaemonConnection): vscode.TreeItem {
  const run = connection.runs.get(node.runId);
  const item = new vscode.TreeItem(run?.name ?? node.runId, vscode.TreeItemCollapsibleState.None);
  item.id = `run/${node.daemon}/${node.runId}`;
  if (run) {
    item.description = `${run.state} · ${runProgress(run)}`;
    item.tooltip = runTooltip(run);
    item.iconPath = runIcon(run);
    item.contextValue = runContextValue(run);
  }
  return item;
}
