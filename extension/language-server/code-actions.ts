/**
 * Quick fixes for the slips validateConfig and the file checks report: a misspelled key, enum value
 * or domain name (from the diagnostic's suggestion), prior weights that do not sum to 1, a
 * missing required section, and ADO timings too short for the run (the auto schedule).
 */
import { findNodeAtLocation, getNodeValue, modify, type JSONPath, type Node } from 'jsonc-parser';
import { CodeAction, CodeActionKind, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatJsonPath } from '../../shared/config';
import { declaredDomains } from './domain-names';
import { DIAGNOSTIC_SOURCE, type EditorDiagnostic, type FixData } from './editor-diagnostic';
import { parseJsonPath } from './json-path';
import { schemaAt } from './schema-navigation';
import { templateValue } from './templates';
import { formattingOf, nodeRange, toTextEdits } from './text-edits';
import { normalisedWeights } from './weights';

/** Where each "something is missing" diagnostic wants a section added, given its path and suggestion. */
const sectionTargets: Partial<Record<EditorDiagnostic['code'], (path: JSONPath, suggestion: string) => JSONPath>> = {
  'missing-key': (path) => path,
  'fixed-weights': (path) => path,
  'data-source': (path, key) => [...path, key],
};

export function quickFixes(document: TextDocument, tree: Node, diagnostics: Diagnostic[]): CodeAction[] {
  return diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE).flatMap((d) => fixesFor(document, tree, d));
}

function fixesFor(document: TextDocument, tree: Node, diagnostic: Diagnostic): CodeAction[] {
  const code = diagnostic.code as EditorDiagnostic['code'];
  const { path, suggestion } = diagnostic.data as FixData;
  if (code === 'prior-not-normalised') return normalise(document, tree, diagnostic, parseJsonPath(path));
  if (code === 'few-refits') return setValue(document, diagnostic, ['mixture', 'ado', 'schedule'], 'auto', 'Derive ADO\'s schedule from training.steps ("schedule": "auto")');
  const target = sectionTargets[code];
  if (target && suggestion) return addSection(document, tree, diagnostic, target(parseJsonPath(path), suggestion));
  if (suggestion === undefined) return [];
  // Enum diagnostics ('schema') suggest a JSON literal; key and domain diagnostics suggest a bare name.
  const replacement = code === 'schema' ? suggestion : JSON.stringify(suggestion);
  return [fix(`Change to ${replacement}`, document, diagnostic, [{ range: diagnostic.range, newText: replacement }])];
}

function normalise(document: TextDocument, tree: Node, diagnostic: Diagnostic, path: JSONPath): CodeAction[] {
  const values = (findNodeAtLocation(tree, path)?.children ?? [])
    .map((property) => property.children?.[1])
    .filter((v): v is Node => v?.type === 'number');
  const weights = normalisedWeights(values.map((v) => v.value as number));
  const edits = values.map((v, i) => ({
    range: nodeRange(document, v),
    newText: String(weights[i]),
  }));
  return [fix('Normalise the weights to sum to 1', document, diagnostic, edits)];
}

function addSection(document: TextDocument, tree: Node, diagnostic: Diagnostic, target: JSONPath): CodeAction[] {
  const existing = findNodeAtLocation(tree, target);
  const isEmptyObject = existing?.type === 'object' && Object.keys(getNodeValue(existing)).length === 0;
  const schema = schemaAt(target);
  if ((existing && !isEmptyObject) || !schema) return [];
  const text = document.getText();
  const value = templateValue(schema, declaredDomains(tree));
  const edits = toTextEdits(document, modify(text, target, value, { formattingOptions: formattingOf(text) }));
  return [fix(`Add "${formatJsonPath(target)}"`, document, diagnostic, edits)];
}

function setValue(document: TextDocument, diagnostic: Diagnostic, target: JSONPath, value: unknown, title: string): CodeAction[] {
  const text = document.getText();
  return [fix(title, document, diagnostic, toTextEdits(document, modify(text, target, value, { formattingOptions: formattingOf(text) })))];
}

/** Each diagnostic gets at most one fix, so it is the preferred one (applied by "Auto Fix"). */
function fix(title: string, document: TextDocument, diagnostic: Diagnostic, edits: TextEdit[]): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { changes: { [document.uri]: edits } },
  };
}
