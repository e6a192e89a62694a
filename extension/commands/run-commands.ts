/** Pause, Resume, Stop and Delete Run: one request each, offered only where the run's state allows it. */
import * as vscode from 'vscode';
import type { RunSummary } from '../../shared/protocol';
import type { RunState } from '../../shared/run-events';
import type { DaemonRegistry } from '../daemon/daemon-registry';
import type { RunNode } from '../views/runs-tree';
import { targetRun } from './pickers';

interface LifecycleCommand {
  id: string;
  method: 'runs.pause' | 'runs.resume' | 'runs.stop' | 'runs.delete';
  verb: string;
  /** Must agree with the `viewItem` when clauses in package.json. */
  states: readonly RunState[];
  confirm?: (run: RunSummary) => string;
}

const lifecycleCommands: LifecycleCommand[] = [
  { id: 'ado.pauseRun', method: 'runs.pause', verb: 'pause', states: ['running', 'queued'] },
  { id: 'ado.resumeRun', method: 'runs.resume', verb: 'resume', states: ['paused', 'interrupted'] },
  { id: 'ado.stopRun', method: 'runs.stop', verb: 'stop', states: ['created', 'queued', 'running', 'paused', 'interrupted'] },
  {
    id: 'ado.deleteRun',
    method: 'runs.delete',
    verb: 'delete',
    states: ['created', 'paused', 'stopped', 'completed', 'failed', 'interrupted'],
    confirm: (run) => `Delete run "${run.name}" with its checkpoints and metrics? This cannot be undone.`,
  },
];

export function registerRunCommands(registry: DaemonRegistry): vscode.Disposable[] {
  return lifecycleCommands.map((command) =>
    vscode.commands.registerCommand(command.id, async (node?: RunNode) => {
      const target = await targetRun(registry, node, `Run to ${command.verb}`, (run) => command.states.includes(run.state));
      if (!target) return;
      if (command.confirm) {
        const answer = await vscode.window.showWarningMessage(command.confirm(target.run), { modal: true }, 'Delete');
        if (answer !== 'Delete') return;
      }
      try {
        await target.connection.request(command.method, { runId: target.run.id });
      } catch (error) {
        void vscode.window.showErrorMessage(`ADO Studio: cannot ${command.verb} "${target.run.name}": ${(error as Error).message}`);
      }
    }),
  );
}
