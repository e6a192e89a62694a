/** The status bar item: connection state, and the selected run's step and loss. */
import * as vscode from 'vscode';
import type { DaemonRegistry } from '../daemon/daemon-registry';
import { showRun } from './dashboard-link';
import { runProgress } from './run-presentation';
import type { RunSelection } from './run-selection';

/** Internal (not in the palette): what a click on the item does. */
export const OPEN_SELECTED_RUN_COMMAND = 'ado.openSelectedRun';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ado.status', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly registry: DaemonRegistry, private readonly selection: RunSelection) {
    this.item.name = 'ADO Studio';
    this.item.command = OPEN_SELECTED_RUN_COMMAND;
    this.disposables = [
      this.item,
      registry.onDidChange(() => this.render()),
      selection.onDidChange(() => this.render()),
      vscode.commands.registerCommand(OPEN_SELECTED_RUN_COMMAND, () => {
        const current = selection.current();
        return showRun(current && { kind: 'run', daemon: current.daemon, runId: current.runId });
      }),
    ];
    this.render();
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private render(): void {
    const connections = this.registry.all();
    const current = this.selection.current();
    if (connections.length === 0) {
      this.item.text = '$(circle-slash) ADO';
      this.item.tooltip = 'ADO Studio: no daemon attached. Click to open the runs view.';
    } else if (connections.some((c) => c.state === 'reconnecting')) {
      this.item.text = '$(sync~spin) ADO: reconnecting…';
      this.item.tooltip = connections.map((c) => `${c.endpoint.url}: ${c.state}`).join('\n');
    } else if (current) {
      this.item.text = `$(pulse) ${current.run.name} · ${runProgress(current.run)}`;
      this.item.tooltip = `ADO Studio: ${current.run.name} is ${current.run.state}. Click to open it.`;
    } else {
      this.item.text = '$(server-process) ADO';
      this.item.tooltip = `ADO Studio: attached to ${connections.map((c) => c.endpoint.url).join(', ')}`;
    }
  }
}
