/**
 * Config editor panels: a form beside a run config's text editor, one per document, kept in two-way
 * sync with it. Form edits become WorkspaceEdits (undo, dirty state and comments behave as for
 * typing); the language server's diagnostics for the document appear next to their fields.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { ConfigEditorState, HostToConfigEditor } from '../../media/shared/config-editor-messages';
import type { Severity } from '../../shared/config/diagnostics';
import { ConfigEditorRelay, type ConfigDocument } from './config-editor-relay';
import { isConfigEditorToHost } from './panel-messages';
import { showPage, webviewPanelOptions } from './webview-panel-html';

export const CONFIG_EDITOR_VIEW_TYPE = 'ado.configEditor';
const SUBMIT_COMMAND = 'ado.submitRun';

const SEVERITIES: Record<vscode.DiagnosticSeverity, Severity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'info',
};

export class ConfigEditorPanels implements vscode.Disposable {
  private readonly open = new Map<string, vscode.WebviewPanel>();

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** The editor for `uri`, or for the active text editor's document. */
  async show(uri: vscode.Uri | undefined): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showWarningMessage('ADO Studio: open a run config (*.ado.json) to edit it in the form.');
      return;
    }
    const existing = this.open.get(target.toString());
    if (existing) return existing.reveal();
    const document = await vscode.workspace.openTextDocument(target);
    const panel = vscode.window.createWebviewPanel(CONFIG_EDITOR_VIEW_TYPE, `Config: ${basename(document.fileName)}`, vscode.ViewColumn.Beside, webviewPanelOptions(this.extensionUri));
    this.host(panel, document);
  }

  /** The WebviewPanelSerializer's half. */
  async restore(panel: vscode.WebviewPanel, state: ConfigEditorState | undefined): Promise<void> {
    if (!state?.uri) return panel.dispose();
    try {
      this.host(panel, await vscode.workspace.openTextDocument(vscode.Uri.parse(state.uri)));
    } catch {
      // The file is gone: an editor for nothing would only confuse.
      panel.dispose();
    }
  }

  dispose(): void {
    for (const panel of [...this.open.values()]) panel.dispose();
  }

  private host(panel: vscode.WebviewPanel, document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.open.set(key, panel);
    panel.title = `Config: ${basename(document.fileName)}`;
    showPage(panel.webview, this.extensionUri, 'config-editor', panel.title);
    const relay = new ConfigEditorRelay(vscodeDocument(document), (message: HostToConfigEditor) => void panel.webview.postMessage(message));
    const subscriptions = [
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isConfigEditorToHost(message)) void relay.handle(message).catch((error: Error) => vscode.window.showErrorMessage(`ADO Studio: ${error.message}`));
      }),
      vscode.workspace.onDidChangeTextDocument((event) => event.document === document && relay.documentChanged()),
      vscode.languages.onDidChangeDiagnostics((event) => event.uris.some((uri) => uri.toString() === key) && relay.documentChanged()),
    ];
    panel.onDidDispose(() => {
      for (const subscription of subscriptions) subscription.dispose();
      this.open.delete(key);
    });
  }
}

function vscodeDocument(document: vscode.TextDocument): ConfigDocument {
  return {
    uri: document.uri.toString(),
    fileName: basename(document.fileName),
    text: () => document.getText(),
    diagnostics: () =>
      vscode.languages.getDiagnostics(document.uri).map((d) => ({ offset: document.offsetAt(d.range.start), severity: SEVERITIES[d.severity], message: d.message })),
    replace: async ({ offset, length, text }) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + length)), text);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${basename(document.fileName)}`);
    },
    reveal: async (offset, length) => {
      const selection = new vscode.Range(document.positionAt(offset), document.positionAt(offset + length));
      const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === document);
      await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection });
    },
    submit: async () => {
      await vscode.commands.executeCommand(SUBMIT_COMMAND, document.uri);
    },
  };
}
