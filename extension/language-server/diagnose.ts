/** All diagnostics of one config document: the shared validateConfig first, then the checks that read the files it names. */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTree } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { validateConfig } from '../../shared/config';
import { plannedEpochDiagnostics } from '../../daemon/validate/planned-epochs';
import type { EditorDiagnostic } from './editor-diagnostic';
import { fileDiagnostics } from './file-checks';

export async function diagnose(document: TextDocument): Promise<EditorDiagnostic[]> {
  const text = document.getText();
  const { diagnostics, config } = validateConfig(text);
  // Paths are relative to the config file, so an unsaved (untitled) config has nothing to check them against.
  const configDir = document.uri.startsWith('file:') ? dirname(fileURLToPath(document.uri)) : undefined;
  // A syntax error includes nesting too deep for the parser below.
  if (!configDir || diagnostics.some((d) => d.code === 'syntax')) return diagnostics;
  const tree = parseTree(text);
  if (!tree) return diagnostics;
  const [files, epochs] = await Promise.all([fileDiagnostics(tree, document, configDir), config ? plannedEpochDiagnostics(text, config, configDir) : []]);
  return [...diagnostics, ...files, ...epochs];
}
