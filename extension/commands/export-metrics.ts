/** Export Metrics: a run's history to CSV (one table) or JSON (what `runs.history` returns), via a save dialog. */
import * as vscode from 'vscode';
import { toCsv } from '../../media/charts/csv';
import type { RequestResults } from '../../shared/protocol';
import type { DaemonRegistry } from '../daemon/daemon-registry';
import type { RunNode } from '../views/runs-tree';
import { fullHistory } from './full-history';
import { metricsTable } from './metrics-table';
import { targetRun } from './pickers';

const formats = [
  { label: 'CSV', extension: 'csv', detail: 'One row per step: losses, weights per domain, validation losses' },
  { label: 'JSON', extension: 'json', detail: 'Step series, evaluation and fit events, and the run\'s meta event' },
] as const;

export function registerExportMetrics(registry: DaemonRegistry): vscode.Disposable {
  return vscode.commands.registerCommand('ado.exportMetrics', async (node?: RunNode) => {
    const target = await targetRun(registry, node, 'Run to export', (run) => run.step > 0);
    if (!target) return;
    const format = await vscode.window.showQuickPick(formats, { placeHolder: `Export "${target.run.name}" as` });
    if (!format) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const fileName = `${target.run.name}-metrics.${format.extension}`;
    const destination = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
      filters: { [format.label]: [format.extension] },
      title: `Export metrics of ${target.run.name}`,
    });
    if (!destination) return;
    const history = await fullHistory((params) => target.connection.request('runs.history', params), target.run.id, target.run.step);
    const text = format.extension === 'csv' ? csvOf(history) : JSON.stringify(history, null, 2) + '\n';
    await vscode.workspace.fs.writeFile(destination, Buffer.from(text, 'utf8'));
    const choice = await vscode.window.showInformationMessage(`ADO Studio: exported ${target.run.name} to ${destination.fsPath}`, 'Open');
    if (choice === 'Open') await vscode.window.showTextDocument(destination);
  });
}

function csvOf(history: RequestResults['runs.history']): string {
  const { header, rows } = metricsTable(history);
  return toCsv(header, rows);
}
