/**
 * The config language server: diagnostics, hover, completion, quick fixes and formatting for ADO
 * Studio run configs (`*.ado.json`, `ado.config.json`: JSON with comments). It runs in its own
 * process, started by the extension (extension/language-client.ts) or by any LSP client over stdio.
 */
import { parseTree, format } from 'jsonc-parser';
import {
  CodeActionKind,
  MarkupKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { offsetBeyondDepth } from '../../shared/json-depth';
import { quickFixes } from './code-actions';
import { completionsAt } from './completion';
import { diagnose } from './diagnose';
import { toLspDiagnostic } from './editor-diagnostic';
import { hoverAt } from './hover';
import { toTextEdits } from './text-edits';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let hoverFormat: MarkupKind = MarkupKind.PlainText;
let snippets = false;

connection.onInitialize(({ capabilities }) => {
  hoverFormat = capabilities.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown) ? MarkupKind.Markdown : MarkupKind.PlainText;
  snippets = capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['"', ':'] },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      documentFormattingProvider: true,
    },
    serverInfo: { name: 'ADO Studio config language server', version: __ADO_VERSION__ },
  };
});

documents.onDidChangeContent(async ({ document }) => {
  const version = document.version;
  const diagnostics = await diagnose(document);
  // File checks are asynchronous; a result for an older text would flash stale squiggles.
  if (documents.get(document.uri)?.version !== version) return;
  await connection.sendDiagnostics({ uri: document.uri, version, diagnostics: diagnostics.map(toLspDiagnostic) });
});

documents.onDidClose(({ document }) => connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }));

connection.onHover(({ textDocument, position }) => {
  const document = parsableDocument(textDocument.uri);
  const tree = document && parseTree(document.getText());
  return document && tree ? hoverAt(document, tree, document.offsetAt(position), hoverFormat) : null;
});

connection.onCompletion(({ textDocument, position }) => {
  const document = parsableDocument(textDocument.uri);
  if (!document) return [];
  return completionsAt({ document, tree: parseTree(document.getText()), offset: document.offsetAt(position), snippets });
});

connection.onCodeAction(({ textDocument, context }) => {
  const document = parsableDocument(textDocument.uri);
  const tree = document && parseTree(document.getText());
  return document && tree ? quickFixes(document, tree, context.diagnostics) : [];
});

/** jsonc-parser recurses once per level: a document nested too deep only gets validateConfig's diagnostic saying so. */
function parsableDocument(uri: string): TextDocument | undefined {
  const document = documents.get(uri);
  return document && offsetBeyondDepth(document.getText()) < 0 ? document : undefined;
}

connection.onDocumentFormatting(({ textDocument, options }) => {
  const document = documents.get(textDocument.uri);
  if (!document) return [];
  const text = document.getText();
  // jsonc-parser drops a final newline unless told to keep one; formatting should never remove it.
  const insertFinalNewline = options.insertFinalNewline === true || text.endsWith('\n');
  return toTextEdits(document, format(text, undefined, { ...options, insertFinalNewline }));
});

documents.listen(connection);
connection.listen();
