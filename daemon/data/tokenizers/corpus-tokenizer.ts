import type { Tokenizer } from '../types';

/** A tokenizer as the data layer needs it: the trainer-facing contract plus what corpus preparation relies on. */
export interface CorpusTokenizer extends Tokenizer {
  /** Appended after every document, so the model sees where one text ends and the next begins. */
  readonly documentSeparator: readonly number[];
  /** Changes whenever encode() could give other tokens for the same text; part of the token cache key. */
  readonly identity: string;
}

/** The narrowest typed array that holds every token id of a vocabulary. */
export function tokenArrayType(vocabSize: number): Uint16ArrayConstructor | Uint32ArrayConstructor {
  return vocabSize <= 0x10000 ? Uint16Array : Uint32Array;
}
