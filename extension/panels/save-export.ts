/** Saves what a panel exports (a chart as PNG, its data as CSV) where the user picks, via VS Code's save dialog. */
import * as vscode from 'vscode';

const FILTERS: Record<'png' | 'csv', Record<string, string[]>> = { png: { 'PNG image': ['png'] }, csv: { CSV: ['csv'] } };
const PNG_DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/;

export async function saveExport(format: 'png' | 'csv', fileName: string, data: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    // The name comes from the page: keep it a plain file name inside the workspace folder.
    defaultUri: folder ? vscode.Uri.joinPath(folder, fileName.replace(/[\\/:*?"<>|]/g, '_')) : undefined,
    filters: FILTERS[format],
    title: `Save ${fileName}`,
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, format === 'png' ? pngBytes(data) : Buffer.from(data, 'utf8'));
  const choice = await vscode.window.showInformationMessage(`ADO Studio: saved ${target.fsPath}`, 'Open');
  if (choice === 'Open') await vscode.commands.executeCommand('vscode.open', target);
}

/** The webview is untrusted input: accept a PNG data URL and nothing else. */
function pngBytes(dataUrl: string): Buffer {
  const match = PNG_DATA_URL.exec(dataUrl);
  if (!match) throw new Error('the chart image is not a PNG');
  return Buffer.from(match[1], 'base64');
}
