import type { TokenArray } from './types';
import { safeCutIndex } from './safe-cut';
import { tokenArrayType, type CorpusTokenizer } from './tokenizers/corpus-tokenizer';

/** Text buffered before encoding: big enough to amortise encode calls, small enough for huge documents. */
const ENCODE_CHARS = 1 << 20;

/**
 * One domain's token stream as it is built: each document's tokens followed by the tokenizer's
 * separator. A document may arrive in many pieces (a large text file), so text is encoded in
 * batches cut where tokenisation is unaffected by the cut.
 */
export class TokenStreamBuilder {
  private buffer: TokenArray;
  private length = 0;
  private pendingText = '';
  private documentStart = 0;
  /** Token offset of every document's first token. */
  readonly documentStarts: number[] = [];

  constructor(private readonly tokenizer: CorpusTokenizer) {
    this.buffer = new (tokenArrayType(tokenizer.vocabSize))(1 << 16);
  }

  /** Appends text to the current document. */
  write(text: string): void {
    this.pendingText += text;
    while (this.pendingText.length >= ENCODE_CHARS) {
      const cut = safeCutIndex(this.pendingText);
      this.append(this.tokenizer.encode(this.pendingText.slice(0, cut)));
      this.pendingText = this.pendingText.slice(cut);
    }
  }

  /** A whole document at once. */
  addDocument(text: string): void {
    this.write(text);
    this.endDocument();
  }

  /** Closes the current document; one that produced no tokens leaves no trace (not even a separator). */
  endDocument(): void {
    this.append(this.tokenizer.encode(this.pendingText));
    this.pendingText = '';
    if (this.length === this.documentStart) return;
    this.append(this.tokenizer.documentSeparator);
    this.documentStarts.push(this.documentStart);
    this.documentStart = this.length;
  }

  get tokenCount(): number {
    return this.length;
  }

  /** The tokens so far (a view, valid until the next write). */
  tokens(): TokenArray {
    return this.buffer.subarray(0, this.length);
  }

  private append(tokens: readonly number[]): void {
    if (this.length + tokens.length > this.buffer.length) {
      const grown = new (tokenArrayType(this.tokenizer.vocabSize))(Math.max(2 * this.buffer.length, this.length + tokens.length));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(tokens, this.length);
    this.length += tokens.length;
  }
}
