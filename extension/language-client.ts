/**
 * Starts the config language server (dist/language-server.js) for `ado-config` documents, and stops
 * it when `ado.languageServer.enable` is turned off. Without it, open configs switch to "JSON with
 * Comments", where VS Code's JSON support validates them against the contributed JSON Schema; they
 * switch back when it is turned on again.
 */
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { settings } from './settings';

export const CONFIG_LANGUAGE_ID = 'ado-config';
const FALLBACK_LANGUAGE_ID = 'jsonc';

export class ConfigLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly serverModule: string) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('ado.languageServer.enable')) void this.apply();
      }),
      vscode.workspace.onDidOpenTextDocument((document) => matchLanguageToSetting(document)),
    );
  }

  /** Starts or stops the server to match the setting. */
  async apply(): Promise<void> {
    if (settings.languageServerEnabled()) await this.start();
    else await this.stop();
    vscode.workspace.textDocuments.forEach(matchLanguageToSetting);
  }

  async dispose(): Promise<void> {
    for (const d of this.disposables) d.dispose();
    await this.stop();
  }

  private async start(): Promise<void> {
    if (this.client) return;
    const serverOptions: ServerOptions = {
      run: { module: this.serverModule, transport: TransportKind.ipc },
      debug: { module: this.serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: CONFIG_LANGUAGE_ID },
        { scheme: 'untitled', language: CONFIG_LANGUAGE_ID },
      ],
    };
    // The id makes the client read `ado.languageServer.trace.server`.
    this.client = new LanguageClient('ado.languageServer', 'ADO Studio Config Language Server', serverOptions, clientOptions);
    await this.client.start();
  }

  private async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.stop();
  }
}

function matchLanguageToSetting(document: vscode.TextDocument): void {
  const enabled = settings.languageServerEnabled();
  if (!enabled && document.languageId === CONFIG_LANGUAGE_ID) {
    void vscode.languages.setTextDocumentLanguage(document, FALLBACK_LANGUAGE_ID);
  } else if (enabled && document.languageId === FALLBACK_LANGUAGE_ID && isRunConfigFile(document.uri)) {
    void vscode.languages.setTextDocumentLanguage(document, CONFIG_LANGUAGE_ID);
  }
}

/** The `filenamePatterns` of the ado-config language in package.json (and the Submit menus' `when`). */
export function isRunConfigFile(uri: vscode.Uri): boolean {
  const name = posix.basename(uri.path);
  return name.endsWith('.ado.json') || name === 'ado.config.json';
}
