/** Between jsonc-parser's offsets and LSP ranges and edits; and a document's own formatting. */
import type { Edit, FormattingOptions, Node } from 'jsonc-parser';
import type { Range, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function spanRange(document: TextDocument, offset: number, length: number): Range {
  return { start: document.positionAt(offset), end: document.positionAt(offset + length) };
}

export function nodeRange(document: TextDocument, node: Node): Range {
  return spanRange(document, node.offset, node.length);
}

export function toTextEdits(document: TextDocument, edits: Edit[]): TextEdit[] {
  return edits.map((e) => ({ range: spanRange(document, e.offset, e.length), newText: e.content }));
}

/** Code-action requests carry no formatting options, so inserted sections copy the file's own style. */
export function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  return { insertSpaces: true, tabSize: indent?.length ?? 2, eol };
}
