import { decode, encode, vocabularySize } from 'gpt-tokenizer/encoding/r50k_base';
import type { CorpusTokenizer } from './corpus-tokenizer';

const END_OF_TEXT = 50256;

// A document that quotes "<|endoftext|>" is text like any other; only the data layer may insert the real token.
const TREAT_SPECIAL_TOKENS_AS_TEXT = { disallowedSpecial: new Set<string>() };

export function gpt2Tokenizer(): CorpusTokenizer {
  return {
    name: 'gpt2',
    vocabSize: vocabularySize,
    identity: 'gpt2 (gpt-tokenizer r50k_base); end of document 50256',
    documentSeparator: [END_OF_TEXT],
    encode: (text) => encode(text, TREAT_SPECIAL_TOKENS_AS_TEXT),
    decode: (tokens) => decode(Array.from(tokens)),
  };
}
