/**
 * Opens a run in the dashboard when the dashboard is installed. It is registered by the webview
 * part of the extension (`ado.openDashboard`), so this looks it up instead of depending on it.
 */
import * as vscode from 'vscode';
import { RUNS_VIEW_ID, type RunNode } from './runs-tree';

const OPEN_DASHBOARD_COMMAND = 'ado.openDashboard';

/** True when the dashboard took it. */
export async function openInDashboard(run: RunNode): Promise<boolean> {
  if (!(await vscode.commands.getCommands(true)).includes(OPEN_DASHBOARD_COMMAND)) return false;
  await vscode.commands.executeCommand(OPEN_DASHBOARD_COMMAND, run);
  return true;
}

/** The dashboard for `run` if there is one, else the runs view. */
export async function showRun(run: RunNode | undefined): Promise<void> {
  if (run && (await openInDashboard(run))) return;
  await vscode.commands.executeCommand(`${RUNS_VIEW_ID}.focus`);
}
