/** The run the user is looking at (selected in the tree, or just submitted): the status bar shows it. */
import * as vscode from 'vscode';
import type { RunSummary } from '../../shared/protocol';
import type { DaemonKind } from '../daemon/daemon-connection';
import type { DaemonRegistry } from '../daemon/daemon-registry';

export interface RunRef {
  daemon: DaemonKind;
  runId: string;
}

export class RunSelection implements vscode.Disposable {
  private selected: RunRef | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly registry: DaemonRegistry) {}

  select(ref: RunRef | undefined): void {
    this.selected = ref;
    this.changeEmitter.fire();
  }

  /** The selected run if it still exists, else the most recently created running one. */
  current(): (RunRef & { run: RunSummary }) | undefined {
    const chosen = this.selected && this.registry.get(this.selected.daemon)?.runs.get(this.selected.runId);
    if (chosen && this.selected) return { ...this.selected, run: chosen };
    const running = this.registry
      .all()
      .flatMap((c) => [...c.runs.values()].filter((r) => r.state === 'running').map((run) => ({ daemon: c.endpoint.kind, runId: run.id, run })))
      .sort((a, b) => b.run.createdAt - a.run.createdAt);
    return running[0];
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
