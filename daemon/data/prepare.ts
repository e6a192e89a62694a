/**
 * prepareCorpus: read, tokenise, split and cache the configured domains, once. A second call with
 * unchanged inputs loads the cached token files instead (cacheHit).
 */
import { join } from 'node:path';
import type { ResolvedRunConfig } from '../../shared/config/resolve';
import { cacheKey } from './cache/key';
import { readCache, removeAbandonedTemps, writeCache, type CachedCorpus } from './cache/store';
import { resolveInputs, type CorpusInputs } from './inputs';
import { splitValidation } from './split';
import { tokenizeInputs } from './tokenize-inputs';
import { createTokenizer, type CorpusTokenizer } from './tokenizers';
import type { PreparedCorpus, PrepareProgress } from './types';
import { checkDomainsFitWindows } from './window-fit';

export interface PrepareOptions {
  /** Folder of the config file; data paths are relative to it. */
  configDir: string;
  /** A daemon's data roots (real paths): every file read must lie in one. Absent, any file may be read. */
  dataRoots?: readonly string[];
  /** Folder holding one token cache folder per key. */
  cacheRoot: string;
  /** Called as input bytes are tokenised (not on a cache hit). */
  onProgress?: (progress: PrepareProgress) => void;
}

export interface PreparedCorpusWithTokenizer extends PreparedCorpus {
  tokenizer: CorpusTokenizer;
}

export async function prepareCorpus(config: ResolvedRunConfig, options: PrepareOptions): Promise<PreparedCorpusWithTokenizer> {
  const data = config.data;
  const inputs = await resolveInputs(data, options.configDir, options.dataRoots);
  const tokenizer = await createTokenizer(data.tokenizer, options.configDir, options.dataRoots);
  const cacheDir = join(options.cacheRoot, await cacheKey(inputs, tokenizer, data));
  await removeAbandonedTemps(options.cacheRoot);
  const fitWindows = (domains: CachedCorpus['domains']) =>
    checkDomainsFitWindows(domains, data.contextLength, data.validationFraction, (name) => domainLabel(inputs, name));
  let corpus = await readCache(cacheDir);
  const cacheHit = corpus !== undefined;
  // contextLength is not part of the cache key, so a hit is checked as well as a fresh corpus.
  if (corpus) fitWindows(corpus.domains);
  else {
    const fresh = await tokenizeAndSplit(inputs, tokenizer, data, options.onProgress);
    // Before writing: a corpus refused as too short must not leave a cache entry behind.
    fitWindows(fresh.domains);
    await writeCache(options.cacheRoot, cacheDir, tokenizer, fresh);
    // Reading back gives compact arrays (the builders over-allocate) and exactly what a later cache hit gives.
    corpus = await readCache(cacheDir);
    if (!corpus) throw new Error(`the token cache ${cacheDir} vanished right after it was written`);
  }
  return { tokenizer, domains: corpus.domains, cacheDir, cacheHit, warnings: corpus.warnings };
}

async function tokenizeAndSplit(
  inputs: CorpusInputs,
  tokenizer: CorpusTokenizer,
  data: ResolvedRunConfig['data'],
  onProgress: PrepareOptions['onProgress'],
): Promise<CachedCorpus> {
  const tokenized = await tokenizeInputs(inputs, tokenizer, data.malformedLines, onProgress);
  return {
    domains: tokenized.domains.map(({ name, stream }) => ({ name, ...splitValidation(stream.tokens(), stream.documentStarts, data.validationFraction) })),
    warnings: tokenized.warnings,
  };
}

function domainLabel(inputs: CorpusInputs, name: string): string {
  if (inputs.kind === 'per-domain') return inputs.domains.find((d) => d.name === name)?.label ?? `domain "${name}"`;
  return `domain "${name}" (from ${inputs.files.map((f) => f.path).join(', ')})`;
}
