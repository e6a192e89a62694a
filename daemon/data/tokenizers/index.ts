import { resolve } from 'node:path';
import type { TokenizerSpec } from '../../../shared/config/schema';
import { checkDataRoots } from '../data-roots';
import { byteTokenizer } from './byte';
import type { CorpusTokenizer } from './corpus-tokenizer';
import { gpt2Tokenizer } from './gpt2';
import { huggingFaceTokenizer } from './huggingface';

export type { CorpusTokenizer } from './corpus-tokenizer';

/** The tokenizer a config names; a tokenizer.json path is relative to the config's folder, and inside `dataRoots` when given. */
export async function createTokenizer(spec: TokenizerSpec, configDir: string, dataRoots?: readonly string[]): Promise<CorpusTokenizer> {
  if (spec === 'byte') return byteTokenizer();
  if (spec === 'gpt2') return gpt2Tokenizer();
  const path = resolve(configDir, spec.huggingface);
  checkDataRoots(path, 'data.tokenizer.huggingface', dataRoots);
  return huggingFaceTokenizer(path);
}
