/**
 * The config editor's form edits as text edits, free of VS Code: jsonc-parser's modify keeps
 * comments, formatting and key order around the changed value, and the result is reduced to one
 * replacement of the span that really changed, so the user's undo step is exactly the form edit.
 */
import { applyEdits, findNodeAtLocation, getLocation, getNodeValue, modify, parseTree, type FormattingOptions } from 'jsonc-parser';
import type { JsonPath } from '../../shared/config/diagnostics';
import type { ConfigEdit } from '../../media/shared/config-editor-messages';

export interface TextReplacement {
  offset: number;
  length: number;
  text: string;
}

export function configEdit(text: string, edit: ConfigEdit, formatting: FormattingOptions): TextReplacement | null {
  const change = (source: string, path: JsonPath, value: unknown, isArrayInsertion = false) =>
    applyEdits(source, modify(source, path, value, { formattingOptions: formatting, isArrayInsertion }));
  switch (edit.type) {
    case 'set':
      return replacement(text, change(text, edit.path, edit.value));
    case 'insert':
      return replacement(text, change(text, [...edit.path, edit.index], edit.value, true));
    case 'move': {
      const root = parseTree(text);
      const node = root && findNodeAtLocation(root, [...edit.path, edit.from]);
      if (!node || edit.from === edit.to) return null;
      const removed = change(text, [...edit.path, edit.from], undefined);
      return replacement(text, change(removed, [...edit.path, edit.to], getNodeValue(node), true));
    }
  }
}

/** The JSON path of whatever sits at `offset` (a diagnostic's start), for placing it next to its field. */
export function pathAt(text: string, offset: number): JsonPath {
  return getLocation(text, offset).path;
}

/** The document's own indentation and line ends, so edits look as if typed there. */
export function detectFormatting(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 4 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** The smallest single replacement turning `before` into `after`. */
function replacement(before: string, after: string): TextReplacement | null {
  if (before === after) return null;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { offset: start, length: before.length - start - end, text: after.slice(start, after.length - end) };
}
