/**
 * Training tokens per domain guessed from file sizes, for checks that run before anything is
 * tokenised (`ado validate`, the language server). The trainer later counts them exactly.
 */
import type { ResolvedRunConfig } from '../../shared/config/resolve';
import { resolveInputs } from './inputs';

/** GPT-2-style BPE on English prose; code and other languages take more tokens per byte. */
export const BPE_BYTES_PER_TOKEN = 4;

const COMPRESSED = /\.(gz|zst)$/i;

export interface TrainTokenEstimate {
  domains: string[];
  tokens: number[];
  /** How the counts were estimated, for messages. */
  basis: string;
}

/**
 * Undefined when sizes say nothing per domain: a Pile-style source mixes domains in one file, and a
 * compressed file's size is not its text's. Missing files are left to the checks that report them.
 */
export async function estimateTrainTokens(data: ResolvedRunConfig['data'], configDir: string): Promise<TrainTokenEstimate | undefined> {
  if (!data.domains) return undefined;
  let inputs;
  try {
    inputs = await resolveInputs(data, configDir);
  } catch {
    return undefined;
  }
  if (inputs.kind !== 'per-domain' || inputs.domains.some((d) => d.files.some((f) => COMPRESSED.test(f.path)))) return undefined;
  const bytesPerToken = data.tokenizer === 'byte' ? 1 : BPE_BYTES_PER_TOKEN;
  const trainShare = 1 - data.validationFraction;
  return {
    domains: inputs.domains.map((d) => d.name),
    tokens: inputs.domains.map((d) => (d.files.reduce((sum, f) => sum + f.size, 0) / bytesPerToken) * trainShare),
    basis:
      data.tokenizer === 'byte'
        ? 'training tokens estimated from file sizes, one token per byte'
        : `training tokens estimated from file sizes at about ${BPE_BYTES_PER_TOKEN} bytes per token; training checks again with exact counts`,
  };
}
