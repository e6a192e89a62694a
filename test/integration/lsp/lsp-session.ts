/**
 * Drives the built language server (dist/language-server.js) over stdio with real JSON-RPC, as an
 * editor would: initialize, open documents, wait for published diagnostics, send requests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type Position,
  type ProtocolConnection,
  type TextEdit,
} from 'vscode-languageserver/node';

const root = join(__dirname, '..', '..', '..');
const serverModule = join(root, 'dist', 'language-server.js');
export const fixtures = join(__dirname, 'fixtures');
const LANGUAGE_ID = 'ado-config';

export class LspSession {
  private readonly versions = new Map<string, number>();
  private readonly diagnosticWaiters = new Map<string, { version: number; resolve: (d: Diagnostic[]) => void }>();

  private constructor(private readonly server: ChildProcess, private readonly connection: ProtocolConnection) {
    connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, version, diagnostics }) => {
      const waiter = this.diagnosticWaiters.get(uri);
      if (waiter && version === waiter.version) {
        this.diagnosticWaiters.delete(uri);
        waiter.resolve(diagnostics);
      }
    });
  }

  static async start(): Promise<LspSession> {
    if (!existsSync(serverModule)) throw new Error(`${serverModule} is missing; run "npm run build" first`);
    const server = spawn(process.execPath, [serverModule, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.listen();
    const session = new LspSession(server, connection);
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(fixtures).href,
      capabilities: {
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
        },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  /** Opens `text` as if it were saved at fixtures/<name> (data paths resolve from there); resolves with its diagnostics. */
  open(name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = pathToFileURL(join(fixtures, name)).href;
    this.versions.set(uri, 1);
    const diagnostics = this.nextDiagnostics(uri, 1);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: LANGUAGE_ID, version: 1, text } });
    return diagnostics.then((d) => ({ uri, diagnostics: d }));
  }

  /** Replaces the whole text; resolves with the diagnostics of the new version. */
  change(uri: string, text: string): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const diagnostics = this.nextDiagnostics(uri, version);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return diagnostics;
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  async codeActions(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    return (result ?? []).filter((a): a is CodeAction => 'title' in a && 'edit' in a);
  }

  async format(uri: string): Promise<TextEdit[]> {
    return (await this.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) ?? [];
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    await new Promise((resolve) => this.server.once('exit', resolve));
    this.connection.dispose();
  }

  private nextDiagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} version ${version}`)), 10_000);
      this.diagnosticWaiters.set(uri, { version, resolve: (d) => (clearTimeout(timer), resolve(d)) });
    });
  }
}

/** The 0-based position of the `nth` occurrence of `needle` in `text`, plus `shift` characters. */
export function positionOf(text: string, needle: string, shift = 0, nth = 0): Position {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, offset + shift);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

/** LSP 3.18 lets a diagnostic's message be markup; this server always sends plain strings. */
export function messageText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
