import type { CorpusTokenizer } from './corpus-tokenizer';

/**
 * 0xFF never occurs in valid UTF-8, so it can mark the end of a document without stealing a byte
 * that text uses: the model learns a real end-of-document signal, distinct from a blank line.
 */
export const BYTE_END_OF_DOCUMENT = 0xff;

/** Shown for the end-of-document byte, the same marker GPT-2's decoder prints for <|endoftext|>. */
const END_OF_DOCUMENT_TEXT = '<|endoftext|>';

const utf8 = new TextEncoder();
// Not fatal: decode() renders model samples, which may stop in the middle of a character.
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export function byteTokenizer(): CorpusTokenizer {
  return {
    name: 'byte',
    vocabSize: 256,
    identity: 'byte; end of document 0xff',
    documentSeparator: [BYTE_END_OF_DOCUMENT],
    encode: (text) => Array.from(utf8.encode(text)),
    decode: (tokens) => {
      const bytes = Uint8Array.from(tokens);
      const documents: string[] = [];
      let start = 0;
      for (let i = 0; i <= bytes.length; i++) {
        if (i === bytes.length || bytes[i] === BYTE_END_OF_DOCUMENT) {
          documents.push(lenientUtf8.decode(bytes.subarray(start, i)));
          start = i + 1;
        }
      }
      return documents.join(END_OF_DOCUMENT_TEXT);
    },
  };
}
