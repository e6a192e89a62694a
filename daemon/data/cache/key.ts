/**
 * The token cache key: a hash of everything that decides the token files' bytes. Input files are
 * identified by content (streamed through SHA-256), never by name or modification time alone.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ResolvedRunConfig } from '../../../shared/config/resolve';
import type { CorpusInputs, InputFile } from '../inputs';
import type { CorpusTokenizer } from '../tokenizers/corpus-tokenizer';

/** Bump when the same inputs and tokenizer would give different token files (a new split rule, say). */
export const CACHE_FORMAT = 1;

export type CacheRelevantData = Pick<ResolvedRunConfig['data'], 'validationFraction' | 'malformedLines'>;

export async function cacheKey(inputs: CorpusInputs, tokenizer: CorpusTokenizer, data: CacheRelevantData): Promise<string> {
  const describeFile = async (file: InputFile) => ({ keyPath: file.keyPath, format: file.format, sha256: await fileSha256(file.path) });
  const describeFiles = async (files: readonly InputFile[]) => {
    const described = [];
    for (const file of files) described.push(await describeFile(file));
    return described;
  };
  const sources =
    inputs.kind === 'per-domain'
      ? await Promise.all(inputs.domains.map(async (domain) => ({ name: domain.name, files: await describeFiles(domain.files) })))
      : { textKey: inputs.textKey, domainKey: inputs.domainKey, domains: inputs.domains ?? null, files: await describeFiles(inputs.files) };
  const description = {
    format: CACHE_FORMAT,
    tokenizer: tokenizer.identity,
    validationFraction: data.validationFraction,
    // "skip" and "fail" differ on the same bytes: a cache built by skipping must not let a "fail" run pass.
    malformedLines: data.malformedLines,
    sources,
  };
  return createHash('sha256').update(JSON.stringify(description)).digest('hex').slice(0, 24);
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
