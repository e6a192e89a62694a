/** Converts jsonc-parser's offset-based edits into LSP text edits, and reads a document's indentation. */
import type { Edit, FormattingOptions } from 'jsonc-parser';
import type { TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function toTextEdits(document: TextDocument, edits: Edit[]): TextEdit[] {
  return edits.map((e) => ({
    range: { start: document.positionAt(e.offset), end: document.positionAt(e.offset + e.length) },
    newText: e.content,
  }));
}

/** Code-action requests carry no formatting options, so inserted sections copy the file's own style. */
export function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  return { insertSpaces: true, tabSize: indent?.length ?? 2, eol };
}
