/** The data layer's public API: what the trainer, the CLI and the daemon import. */
export type { PreparedCorpus, PreparedDomain, PrepareProgress, TokenArray, Tokenizer, WindowStreamState } from './types';
export type { CorpusTokenizer } from './tokenizers';
export { createTokenizer } from './tokenizers';
export { prepareCorpus, type PrepareOptions, type PreparedCorpusWithTokenizer } from './prepare';
export { naturalPrior, resolvePrior, type PriorSpec } from './prior';
export { WindowStream, createWindowStreams, validationWindows, windowCount, type Window } from './windows';
