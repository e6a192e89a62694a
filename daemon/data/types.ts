/**
 * What the data layer gives the trainer. daemon/data prepares it (read, tokenise, cache, split);
 * daemon/train consumes it. Tokens are stored as Uint16Array when the vocabulary fits, else Uint32Array.
 */

export type TokenArray = Uint16Array | Uint32Array;

export interface Tokenizer {
  /** "byte", "gpt2", or "huggingface:<file name>" */
  readonly name: string;
  readonly vocabSize: number;
  encode(text: string): number[];
  decode(tokens: ArrayLike<number>): string;
}

export interface PreparedDomain {
  name: string;
  /** Training tokens (documents joined with the tokenizer's separator). */
  train: TokenArray;
  /** Held-out tail of the domain's token stream. */
  validation: TokenArray;
}

export interface PreparedCorpus {
  tokenizer: Tokenizer;
  /** In config order. */
  domains: PreparedDomain[];
  /** Where the token cache lives (one folder per cache key). */
  cacheDir: string;
  /** True when the cache was reused instead of tokenising again. */
  cacheHit: boolean;
  /** Problems that did not stop preparation (e.g. skipped malformed JSONL lines), each naming its file. */
  warnings: string[];
}

export interface PrepareProgress {
  /** The domain being tokenised; for a Pile-style source, whose files mix domains, the file's name. */
  domain: string;
  bytesDone: number;
  bytesTotal: number;
}

/** A per-domain stream of training windows in shuffled order, resumable. */
export interface WindowStreamState {
  /** Epochs completed (whole passes over the shuffled windows). */
  epoch: number;
  /** Position in the current epoch's order. */
  position: number;
  /** RNG state the current epoch's order was drawn from; restoring redraws that order, then later epochs follow. */
  rng: number[];
}
