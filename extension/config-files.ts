/**
 * The places in a run config that name a file or folder, relative to the config file. The language
 * server checks that they exist; Submit Run makes them absolute, because the daemon receives the
 * config as a value and has no file to resolve them against.
 */
import { isAbsolute, resolve } from 'node:path';
import { applyEdits, findNodeAtLocation, getNodePath, getNodeValue, modify, parseTree, type Node } from 'jsonc-parser';
import { fileFields } from '../shared/config/file-fields';

/** The non-empty string nodes that name files: domain paths, JSONL sources, tokenizer and fixed-weights files. */
export function fileReferences(tree: Node): Node[] {
  return fileFields(getNodeValue(tree))
    .map(({ path }) => findNodeAtLocation(tree, path))
    .filter(isPathString);
}

/** `data.source.jsonl`: one file or a list of files. */
export function sourceFiles(tree: Node): Node[] {
  const jsonl = findNodeAtLocation(tree, ['data', 'source', 'jsonl']);
  const files = jsonl?.type === 'array' ? (jsonl.children ?? []) : jsonl ? [jsonl] : [];
  return files.filter(isPathString);
}

function isPathString(node: Node | undefined): node is Node {
  return node?.type === 'string' && node.value !== '';
}

/** The config text with every relative file reference resolved against `baseDir`; comments and layout kept. */
export function withAbsolutePaths(text: string, baseDir: string): string {
  const tree = parseTree(text);
  if (!tree) return text;
  const edits = fileReferences(tree)
    .filter((node) => !isAbsolute(node.value))
    .flatMap((node) => modify(text, getNodePath(node), resolve(baseDir, node.value), {}));
  return applyEdits(text, edits);
}
