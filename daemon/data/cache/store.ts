/**
 * The token cache on disk, one folder per key, laid out like nanoGPT's .bin files:
 *   <cacheRoot>/<key>/manifest.json, <i>.train.bin, <i>.val.bin   (i = domain index, little-endian tokens)
 * A folder is written under a temporary name and renamed into place only when complete, so a
 * reader never sees a partial cache, whatever happened to the writer.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../util/user-error';
import { fsyncDirectory } from '../../util/atomic-write';
import type { TokenArray } from '../types';
import { tokenArrayType } from '../tokenizers/corpus-tokenizer';
import { CACHE_FORMAT } from './key';

export interface CachedDomain {
  name: string;
  train: TokenArray;
  validation: TokenArray;
}

export interface CachedCorpus {
  domains: CachedDomain[];
  warnings: string[];
}

interface Manifest {
  format: number;
  tokenizer: string;
  vocabSize: number;
  tokenType: 'uint16' | 'uint32';
  domains: { name: string; trainTokens: number; validationTokens: number }[];
  warnings: string[];
}

const MANIFEST = 'manifest.json';
const TEMP_PREFIX = '.tmp-';

const trainFile = (index: number) => `${index}.train.bin`;
const validationFile = (index: number) => `${index}.val.bin`;

/** The cached corpus in `dir`, or undefined when there is none. */
export async function readCache(dir: string): Promise<CachedCorpus | undefined> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw damaged(dir, (error as Error).message);
  }
  if (manifest.format !== CACHE_FORMAT) throw damaged(dir, `format ${manifest.format}, expected ${CACHE_FORMAT}`);
  const ArrayType = tokenArrayType(manifest.vocabSize);
  const domains: CachedDomain[] = [];
  for (const [index, domain] of manifest.domains.entries()) {
    domains.push({
      name: domain.name,
      train: await readTokens(dir, trainFile(index), ArrayType, domain.trainTokens),
      validation: await readTokens(dir, validationFile(index), ArrayType, domain.validationTokens),
    });
  }
  return { domains, warnings: manifest.warnings };
}

/** Writes the corpus as the cache folder `dir` (inside `cacheRoot`) unless another process got there first. */
export async function writeCache(cacheRoot: string, dir: string, tokenizer: { name: string; vocabSize: number }, corpus: CachedCorpus): Promise<void> {
  await mkdir(cacheRoot, { recursive: true });
  const temp = join(cacheRoot, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  await mkdir(temp);
  try {
    for (const [index, domain] of corpus.domains.entries()) {
      await writeDurably(join(temp, trainFile(index)), domain.train);
      await writeDurably(join(temp, validationFile(index)), domain.validation);
    }
    const manifest: Manifest = {
      format: CACHE_FORMAT,
      tokenizer: tokenizer.name,
      vocabSize: tokenizer.vocabSize,
      tokenType: tokenArrayType(tokenizer.vocabSize) === Uint16Array ? 'uint16' : 'uint32',
      domains: corpus.domains.map((d) => ({ name: d.name, trainTokens: d.train.length, validationTokens: d.validation.length })),
      warnings: corpus.warnings,
    };
    await writeDurably(join(temp, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    await rename(temp, dir);
    fsyncDirectory(cacheRoot);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    // Two runs that prepare the same corpus at once both write it; the first rename wins and the same bytes stay.
    if (isAlreadyThere(error)) return;
    throw error;
  }
}

/** Removes temporary folders whose writer was killed before it could clean up. */
export async function removeAbandonedTemps(cacheRoot: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(cacheRoot);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^\.tmp-(\d+)-/.exec(name)?.[1]);
    if (pid && !isRunning(pid)) await rm(join(cacheRoot, name), { recursive: true, force: true });
  }
}

async function writeDurably(path: string, data: TokenArray | string): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.writeFile(typeof data === 'string' ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    await file.sync();
  } finally {
    await file.close();
  }
}

async function readTokens(dir: string, name: string, ArrayType: Uint16ArrayConstructor | Uint32ArrayConstructor, count: number): Promise<TokenArray> {
  const tokens = new ArrayType(count);
  const bytes = new Uint8Array(tokens.buffer);
  let file;
  try {
    file = await open(join(dir, name), 'r');
  } catch (error) {
    throw damaged(dir, `${name}: ${(error as NodeJS.ErrnoException).code}`);
  }
  try {
    // Read straight into the typed array: no second copy of a corpus that may be gigabytes.
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await file.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) throw damaged(dir, `${name} is shorter than its manifest says`);
      filled += bytesRead;
    }
    if ((await file.stat()).size !== bytes.length) throw damaged(dir, `${name} is longer than its manifest says`);
  } finally {
    await file.close();
  }
  return tokens;
}

function damaged(dir: string, detail: string): UserError {
  return new UserError(`the token cache ${dir} is damaged (${detail}); delete that folder and run again`);
}

function isAlreadyThere(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOTEMPTY' || code === 'EEXIST';
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
