/**
 * Diagnostics about the files a config names: every path must exist (relative to the config file),
 * and the domain names must occur in a Pile-style source, judged from a sample of its lines.
 */
import { access } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { findNodeAtLocation, getNodePath, type Node } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PileSource, formatJsonPath, type Severity } from '../../shared/config';
import { closestMatch } from '../../shared/config/suggest';
import { fileReferences, sourceFiles } from '../config-files';
import type { EditorDiagnostic } from './editor-diagnostic';
import { SAMPLE_LINES, sampleDomains, type DomainSample } from './jsonl-sample';
import { nodeRange } from './text-edits';

type Report = (severity: Severity, code: EditorDiagnostic['code'], node: Node, message: string, suggestion?: string) => void;

/** Shown when a domain name is unknown: enough to spot the right one, short enough to read. */
const LISTED_DOMAINS = 12;

export async function fileDiagnostics(tree: Node, document: TextDocument, configDir: string): Promise<EditorDiagnostic[]> {
  const diagnostics: EditorDiagnostic[] = [];
  const report: Report = (severity, code, node, message, suggestion) =>
    diagnostics.push({
      severity,
      code,
      path: formatJsonPath(getNodePath(node)),
      message,
      range: nodeRange(document, node),
      suggestion,
    });
  const missing = await missingPaths(tree, configDir);
  for (const node of missing) {
    report('error', 'path-not-found', node, `"${node.value}" does not exist (looked for ${resolve(configDir, node.value)})`);
  }
  await checkSourceDomains(tree, configDir, new Set(missing), report);
  return diagnostics;
}

async function missingPaths(tree: Node, configDir: string): Promise<Node[]> {
  const checked = await Promise.all(
    fileReferences(tree).map(async (node) => ((await exists(resolve(configDir, node.value))) ? undefined : node)),
  );
  return checked.filter((n): n is Node => n !== undefined);
}

async function checkSourceDomains(tree: Node, configDir: string, missing: Set<Node>, report: Report): Promise<void> {
  const source = findNodeAtLocation(tree, ['data', 'source']);
  const files = sourceFiles(tree).filter((f) => !missing.has(f));
  if (!source || files.length === 0) return;
  const keyNode = findNodeAtLocation(source, ['domainKey']);
  const domainKey: string = typeof keyNode?.value === 'string' ? keyNode.value : PileSource.properties.domainKey.default;
  const samples: DomainSample[] = [];
  for (const file of files) {
    try {
      samples.push(await sampleDomains(resolve(configDir, file.value), domainKey));
    } catch (e) {
      report('warning', 'source-unreadable', file, `cannot read "${file.value}": ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
  }
  const found = new Set(samples.flatMap((s) => [...s.domains]));
  const complete = samples.every((s) => s.complete);
  const where = complete
    ? files.map((f) => basename(f.value)).join(', ')
    : `the first ${SAMPLE_LINES} lines of ${files.map((f) => basename(f.value)).join(', ')}`;
  if (found.size === 0) {
    report('warning', 'domain-key-absent', keyNode ?? source.parent?.children?.[0] ?? source,
      `no line in ${where} has a string at "${domainKey}"; set "domainKey" to the field that names each document's domain`);
    return;
  }
  const known = [...found].sort();
  for (const name of namesToResolve(tree, source)) {
    if (found.has(name.value)) continue;
    const suggestion = closestMatch(name.value, known);
    const listing = known.length > LISTED_DOMAINS ? `${known.slice(0, LISTED_DOMAINS).join(', ')}, …` : known.join(', ');
    report(complete ? 'error' : 'warning', 'unknown-domain', name,
      `domain "${name.value}" does not occur in ${where}${suggestion ? `; did you mean "${suggestion}"?` : ` (found: ${listing})`}`,
      suggestion);
  }
}

/**
 * The names that must match the source's domains: `source.domains` when given; otherwise the keys
 * of the prior and fixed weights (validateConfig checks those only against a declared list).
 */
function namesToResolve(tree: Node, source: Node): Node[] {
  const listed = findNodeAtLocation(source, ['domains']);
  if (listed) return (listed.children ?? []).filter((n) => n.type === 'string');
  return [['mixture', 'prior'], ['mixture', 'fixed', 'weights']]
    .map((path) => findNodeAtLocation(tree, path))
    .filter((n): n is Node => n?.type === 'object')
    .flatMap((weights) => (weights.children ?? []).map((property) => property.children?.[0]))
    .filter((key): key is Node => key?.type === 'string');
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
