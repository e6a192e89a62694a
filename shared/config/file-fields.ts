/**
 * The places in a run config that name a file or folder (relative to the config file), defined
 * once: senders make them absolute, the language server checks that they exist, and a daemon reads
 * only those inside its data roots. A new kind of file in the config is added here, and all of
 * that follows for it.
 */
import type { JsonPath } from './diagnostics';

/** JSON paths of the file fields; '*' stands for every element of an array. */
const FILE_FIELDS: readonly JsonPath[] = [
  ['data', 'domains', '*', 'path'],
  ['data', 'source', 'jsonl'],
  ['data', 'source', 'jsonl', '*'],
  ['data', 'tokenizer', 'huggingface'],
  ['mixture', 'fixed', 'file'],
];

export interface FileField {
  /** Where the config names it, e.g. ['data', 'domains', 2, 'path']. */
  path: JsonPath;
  /** The path as written, never empty. */
  file: string;
}

/** Every non-empty file path in `config` (a JSON value, valid or not), in the order of FILE_FIELDS. */
export function fileFields(config: unknown): FileField[] {
  return FILE_FIELDS.flatMap((pattern) => expand(config, pattern, []));
}

function expand(value: unknown, pattern: JsonPath, at: JsonPath): FileField[] {
  if (pattern.length === 0) return typeof value === 'string' && value !== '' ? [{ path: at, file: value }] : [];
  const [key, ...rest] = pattern;
  if (key === '*') return Array.isArray(value) ? value.flatMap((element, index) => expand(element, rest, [...at, index])) : [];
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return [];
  return expand((value as Record<string, unknown>)[key], rest, [...at, key]);
}
