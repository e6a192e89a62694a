import type { ResolvedRunConfig } from '../../../shared/config/resolve';
import { parseJson } from '../../../shared/json-syntax';
import { UserError } from '../../util/user-error';
import type { DecompressedFile } from './decompressed-file';
import { readLines } from './lines';

export type MalformedLinePolicy = ResolvedRunConfig['data']['malformedLines'];

export interface JsonlFields {
  /** Dotted path of the document text, e.g. "text". */
  textKey: string;
  /** Dotted path of the domain name, e.g. "meta.pile_set_name"; absent for per-domain files. */
  domainKey?: string;
}

export interface JsonlDocument {
  text: string;
  /** Present when a domain key was asked for. */
  domain?: string;
}

/** Lines skipped under malformedLines "skip", per file, for the warnings. */
export class MalformedLineTally {
  private readonly byFile = new Map<string, { count: number; first: string }>();

  record(path: string, line: number, problem: string): void {
    const entry = this.byFile.get(path);
    if (entry) entry.count++;
    else this.byFile.set(path, { count: 1, first: `line ${line}: ${problem}` });
  }

  warnings(): string[] {
    return [...this.byFile].map(
      ([path, { count, first }]) => `${path}: skipped ${count} malformed line${count === 1 ? '' : 's'} (first at ${first})`,
    );
  }
}

/** One document per non-blank line of a JSONL file. */
export async function* readJsonlDocuments(
  file: DecompressedFile,
  fields: JsonlFields,
  policy: MalformedLinePolicy,
  tally: MalformedLineTally,
): AsyncGenerator<JsonlDocument> {
  for await (const line of readLines(file)) {
    if (line.text.trim() === '') continue;
    const parsed = parseDocument(line.text, fields);
    if (typeof parsed !== 'string') {
      yield parsed;
    } else if (policy === 'skip') {
      tally.record(file.path, line.number, parsed);
    } else {
      throw new UserError(`${file.path}:${line.number}: ${parsed}; fix the line, or set data.malformedLines to "skip" to leave such lines out`);
    }
  }
}

/** The document, or what is wrong with the line. */
function parseDocument(line: string, fields: JsonlFields): JsonlDocument | string {
  let value: unknown;
  try {
    value = parseJson(line);
  } catch (error) {
    return (error as Error).message;
  }
  const text = valueAtPath(value, fields.textKey);
  if (typeof text !== 'string') return `no string at "${fields.textKey}"`;
  if (fields.domainKey === undefined) return { text };
  const domain = valueAtPath(value, fields.domainKey);
  if (typeof domain !== 'string' || domain === '') return `no domain name (a non-empty string) at "${fields.domainKey}"`;
  return { text, domain };
}

function valueAtPath(value: unknown, dottedPath: string): unknown {
  let current = value;
  for (const key of dottedPath.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
