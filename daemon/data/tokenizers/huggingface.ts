import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { parseJson } from '../../../shared/json-syntax';
import { UserError } from '../../util/user-error';
import type { CorpusTokenizer } from './corpus-tokenizer';

/** Special tokens that model families use to end a document, most common first. */
const END_OF_DOCUMENT_TOKENS = ['<|endoftext|>', '</s>', '<|end_of_text|>', '<eos>', '[SEP]'];

/** Without an end-of-document token, a paragraph break is the closest thing the vocabulary has. */
const FALLBACK_SEPARATOR_TEXT = '\n\n';

/** Loads a Hugging Face tokenizer.json (BPE, WordPiece, Unigram, ...) from a local file. */
export async function huggingFaceTokenizer(path: string): Promise<CorpusTokenizer> {
  const bytes = await readTokenizerFile(path);
  const tokenizer = parseTokenizer(bytes, path);
  const specialIds = new Map(
    [...tokenizer.get_added_tokens_decoder()].filter(([, token]) => token.special).map(([id, token]) => [token.content, id]),
  );
  const endOfDocument = END_OF_DOCUMENT_TOKENS.find((content) => specialIds.has(content));
  const encode = (text: string): number[] => {
    const ids = tokenizer.encode(text, { add_special_tokens: false }).ids;
    if (ids.some((id) => id === undefined)) {
      throw new UserError(`${path} has no token (and no unknown token) for part of the text; use a tokenizer with byte fallback or an "unk_token"`);
    }
    return ids;
  };
  return {
    name: `huggingface:${basename(path)}`,
    vocabSize: largestId(tokenizer) + 1,
    identity: `huggingface tokenizer.json sha256 ${createHash('sha256').update(bytes).digest('hex')}`,
    documentSeparator: endOfDocument !== undefined ? [specialIds.get(endOfDocument)!] : encode(FALLBACK_SEPARATOR_TEXT),
    encode,
    // Without clean-up the library would drop spaces before punctuation, and decode(encode(text)) would differ from text.
    decode: (tokens) => (tokens.length === 0 ? '' : tokenizer.decode(Array.from(tokens), { clean_up_tokenization_spaces: false })),
  };
}

// A reduce, not Math.max(...ids): spreading a 150k-entry vocabulary overflows the argument limit.
function largestId(tokenizer: Tokenizer): number {
  let largest = 0;
  for (const id of tokenizer.get_vocab(true).values()) largest = Math.max(largest, id);
  return largest;
}

async function readTokenizerFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new UserError(`cannot read the tokenizer file ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check data.tokenizer.huggingface (relative to the config file)`);
  }
}

function parseTokenizer(bytes: Buffer, path: string): Tokenizer {
  try {
    return new Tokenizer(parseJson(bytes.toString('utf8')) as object, {});
  } catch (error) {
    throw new UserError(`${path} is not a tokenizer.json that @huggingface/tokenizers can load: ${(error as Error).message}`);
  }
}
