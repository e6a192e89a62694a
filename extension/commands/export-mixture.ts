/**
 * Export Mixture: a run's final or time-averaged mixture as a fixed-weights file (what the "fixed"
 * policy and other trainers read), or its per-step schedule, via a save dialog. The daemon builds
 * the file with the code `ado export-mixture` runs (runs.exportMixture), so both write the same JSON.
 */
import * as vscode from 'vscode';
import { mixtureFileText, type MixtureKind } from '../../shared/mixture-files';
import type { DaemonRegistry } from '../daemon/daemon-registry';
import type { RunNode } from '../views/runs-tree';
import { targetRun } from './pickers';

const kinds: (vscode.QuickPickItem & { mixture: MixtureKind })[] = [
  { label: 'Final', mixture: 'final', detail: 'The distribution after the last step, as a fixed-weights file for the "fixed" policy' },
  { label: 'Average', mixture: 'average', detail: 'The mean distribution over all steps, as a fixed-weights file for the "fixed" policy' },
  { label: 'Schedule', mixture: 'schedule', detail: 'The distribution of every step' },
];

/** What the quick pick and the save dialog would ask, for callers that already know (scripts, tests). */
export interface ExportMixtureChoice {
  kind: MixtureKind;
  destination: vscode.Uri;
}

export function registerExportMixture(registry: DaemonRegistry): vscode.Disposable {
  return vscode.commands.registerCommand('ado.exportMixture', async (node?: RunNode, choice?: ExportMixtureChoice) => {
    const target = await targetRun(registry, node, 'Run whose mixture to export', (run) => run.step > 0);
    if (!target) return;
    const kind = choice?.kind ?? (await vscode.window.showQuickPick(kinds, { placeHolder: `Export the mixture of "${target.run.name}" as` }))?.mixture;
    if (!kind) return;
    const destination = choice?.destination ?? (await askDestination(target.run.name, kind));
    if (!destination) return;
    try {
      const { file } = await target.connection.request('runs.exportMixture', { runId: target.run.id, kind });
      await vscode.workspace.fs.writeFile(destination, Buffer.from(mixtureFileText(file), 'utf8'));
    } catch (error) {
      void vscode.window.showErrorMessage(`ADO Studio: cannot export the mixture of "${target.run.name}": ${(error as Error).message}`);
      return;
    }
    // Not awaited: the command is done once the file is written, whether or not the user answers.
    void vscode.window.showInformationMessage(`ADO Studio: wrote the ${kind} mixture of ${target.run.name} to ${destination.fsPath}`, 'Open').then((answer) => {
      if (answer === 'Open') void vscode.window.showTextDocument(destination);
    });
  });
}

function askDestination(runName: string, kind: MixtureKind): Thenable<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const fileName = kind === 'schedule' ? `${runName}-mixture-schedule.json` : `${runName}-${kind}-weights.json`;
  return vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
    filters: { JSON: ['json'] },
    title: `Export the ${kind} mixture of ${runName}`,
  });
}
