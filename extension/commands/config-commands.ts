/**
 * New Run Config (a commented copy of the embedded default config, next to the user's files) and
 * Submit Run from Current Config (validated here first with the daemon's own validateConfig).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import { DaemonRequestError } from '../../shared/client/daemon-client';
import { validateConfig, type ConfigDiagnostic } from '../../shared/config';
import { ErrorCode } from '../../shared/protocol';
import { withAbsolutePaths } from '../config-files';
import type { DaemonConnection } from '../daemon/daemon-connection';
import type { DaemonRegistry } from '../daemon/daemon-registry';
import type { LocalDaemon } from '../daemon/local-daemon';
import { describeRefusedRun } from '../daemon/refused-run';
import { CONFIG_LANGUAGE_ID, isRunConfigFile } from '../language-client';
import { openInDashboard } from '../views/dashboard-link';
import type { RunSelection } from '../views/run-selection';
import type { RunsTree } from '../views/runs-tree';
import { startLocalDaemon } from './daemon-commands';
import { pickDaemon } from './pickers';

export interface ConfigCommandContext {
  extensionPath: string;
  registry: DaemonRegistry;
  local: LocalDaemon;
  selection: RunSelection;
  tree: RunsTree;
}

export function registerConfigCommands(context: ConfigCommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('ado.newRunConfig', () => newRunConfig(context.extensionPath)),
    vscode.commands.registerCommand('ado.submitRun', (uri?: vscode.Uri) => submitRun(context, uri)),
  ];
}

async function newRunConfig(extensionPath: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const destination = folder
    ? freeName(folder.fsPath, 'my-run', '.ado.json')
    : (await vscode.window.showSaveDialog({ filters: { 'ADO run config': ['ado.json'] }, title: 'New Run Config' }))?.fsPath;
  if (!destination) return;
  const corpusDir = join(extensionPath, 'data', 'default');
  const template = readFileSync(join(corpusDir, 'default.ado.json'), 'utf8');
  // The embedded corpus lives in the extension; absolute paths keep the config working wherever it is saved.
  await vscode.workspace.fs.writeFile(vscode.Uri.file(destination), Buffer.from(withAbsolutePaths(template, corpusDir), 'utf8'));
  const document = await vscode.workspace.openTextDocument(destination);
  await vscode.window.showTextDocument(document);
}

async function submitRun(context: ConfigCommandContext, uri: vscode.Uri | undefined): Promise<void> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  // With the language server off, a config is open as JSON with Comments: its name is what counts.
  if (!document || !(document.languageId === CONFIG_LANGUAGE_ID || isRunConfigFile(document.uri))) {
    void vscode.window.showWarningMessage('ADO Studio: open a run config (*.ado.json) to submit it.');
    return;
  }
  const text = document.getText();
  const errors = validateConfig(text).diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return reportInvalid(document, errors);
  const connection = await chooseDaemon(context);
  if (!connection) return;
  const baseDir = document.uri.scheme === 'file' ? dirname(document.uri.fsPath) : undefined;
  const config: unknown = parse(baseDir ? withAbsolutePaths(text, baseDir) : text);
  try {
    const { run } = await connection.request('runs.create', { config, start: true });
    const ref = { daemon: connection.endpoint.kind, runId: run.id };
    context.selection.select(ref);
    await context.tree.reveal({ kind: 'run', ...ref });
    await openInDashboard({ kind: 'run', ...ref });
  } catch (error) {
    if (error instanceof DaemonRequestError && error.code === ErrorCode.InvalidConfig && Array.isArray(error.data)) {
      return reportInvalid(document, error.data as ConfigDiagnostic[]);
    }
    void vscode.window.showErrorMessage(describeRefusedRun(error, connection.endpoint));
  }
}

async function reportInvalid(document: vscode.TextDocument, errors: ConfigDiagnostic[]): Promise<void> {
  const [first] = errors;
  const where = `line ${first.range.start.line + 1}: ${first.message}`;
  const choice = await vscode.window.showErrorMessage(
    `ADO Studio: ${vscode.workspace.asRelativePath(document.uri)} has ${errors.length} error${errors.length === 1 ? '' : 's'} (${where}). Fix ${errors.length === 1 ? 'it' : 'them'} before submitting.`,
    'Show Problems',
  );
  if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** The attached daemon; with none, the local one is started; with two, the user picks. */
async function chooseDaemon({ registry, local }: ConfigCommandContext): Promise<DaemonConnection | undefined> {
  const attached = registry.all();
  if (attached.length === 0) return startLocalDaemon(local);
  return pickDaemon(registry, 'Submit the run to');
}

function freeName(dir: string, stem: string, extension: string): string {
  for (let i = 1; ; i++) {
    const candidate = join(dir, `${stem}${i === 1 ? '' : `-${i}`}${extension}`);
    if (!existsSync(candidate)) return candidate;
  }
}
