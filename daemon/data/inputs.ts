/**
 * Turns the config's `data` section into the concrete files to read, checking that they exist and,
 * for a daemon's training, that each lies in its data roots (a folder's files one by one).
 * Paths are relative to the config file's folder.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import type { ResolvedRunConfig } from '../../shared/config/resolve';
import { UserError } from '../util/user-error';
import { checkDataRoots } from './data-roots';

export type FileFormat = 'text' | 'jsonl';

export interface InputFile {
  /** Absolute. */
  path: string;
  /** Path inside the domain's folder (or the file's name); part of the cache key, so a moved corpus keeps its cache. */
  keyPath: string;
  format: FileFormat;
  size: number;
}

export interface DomainInputs {
  name: string;
  /** How to point the user at this domain in a message, e.g. `domain "fiction" (/data/fiction.txt)`. */
  label: string;
  files: InputFile[];
}

/** Each domain from its own files, or every domain from shared Pile-style JSONL files. */
export type CorpusInputs =
  | { kind: 'per-domain'; domains: DomainInputs[] }
  | { kind: 'shared'; files: InputFile[]; textKey: string; domainKey: string; domains?: string[] };

const JSONL_NAME = /\.jsonl(\.gz|\.zst)?$/i;

/** `dataRoots`: the daemon's (real paths); absent, any file may be read. */
export async function resolveInputs(data: ResolvedRunConfig['data'], configDir: string, dataRoots?: readonly string[]): Promise<CorpusInputs> {
  if (data.domains) {
    const domains = await Promise.all(
      data.domains.map(async (domain, index) => {
        const path = resolve(configDir, domain.path);
        const where = `data.domains[${index}].path`;
        const files = await filesAt(path, domain.path, where, domain.format, dataRoots);
        const label = `domain "${domain.name}" (${path})`;
        if (files.length === 0) throw new UserError(`${label} is a folder with no files; put text files in it or fix ${where}`);
        return { name: domain.name, label, files };
      }),
    );
    return { kind: 'per-domain', domains };
  }
  if (data.source) {
    const source = data.source;
    const paths = typeof source.jsonl === 'string' ? [source.jsonl] : source.jsonl;
    const files = await Promise.all(
      paths.map(async (given, index) => {
        const path = resolve(configDir, given);
        const where = typeof source.jsonl === 'string' ? 'data.source.jsonl' : `data.source.jsonl[${index}]`;
        const info = await statOrFail(path, given, where, dataRoots);
        if (!info.isFile()) throw new UserError(`${path} is not a file; ${where} must name a JSONL file`);
        return { path, keyPath: basename(path), format: 'jsonl' as const, size: info.size };
      }),
    );
    return { kind: 'shared', files, textKey: source.textKey, domainKey: source.domainKey, domains: source.domains };
  }
  throw new UserError('the config has no data: add "data.domains" (one file or folder per domain) or "data.source" (Pile-style JSONL)');
}

async function filesAt(path: string, given: string, where: string, format: FileFormat | undefined, dataRoots: readonly string[] | undefined): Promise<InputFile[]> {
  const info = await statOrFail(path, given, where, dataRoots);
  if (info.isFile()) return [{ path, keyPath: basename(path), format: format ?? formatFromName(path), size: info.size }];
  const found: InputFile[] = [];
  await collectFolder(path, path, format, found, (inside) => checkDataRoots(inside, where, dataRoots));
  return found;
}

/**
 * Every regular file under `folder`, depth-first in name order, so the document order never depends on the file system.
 * `check` sees each entry before it is opened: a symlink in the folder may lead anywhere.
 */
async function collectFolder(root: string, folder: string, format: FileFormat | undefined, found: InputFile[], check: (path: string) => void): Promise<void> {
  // Names starting with "." are editor and OS metadata (.DS_Store, .gitkeep), not documents.
  const names = (await readdir(folder)).filter((name) => !name.startsWith('.')).sort(byCodeUnits);
  for (const name of names) {
    const path = join(folder, name);
    check(path);
    const info = await stat(path);
    if (info.isDirectory()) await collectFolder(root, path, format, found, check);
    else if (info.isFile()) found.push({ path, keyPath: relative(root, path), format: format ?? formatFromName(path), size: info.size });
  }
}

function formatFromName(path: string): FileFormat {
  return JSONL_NAME.test(path) ? 'jsonl' : 'text';
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Checked against the data roots first, so that the answer for a path outside says nothing about whether it exists. */
async function statOrFail(path: string, given: string, where: string, dataRoots: readonly string[] | undefined) {
  checkDataRoots(path, where, dataRoots);
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UserError(`${path} does not exist; fix ${where} ("${given}", relative to the config file)`);
    }
    throw new UserError(`cannot open ${path} (${code ?? String(error)}), named by ${where}`);
  }
}
