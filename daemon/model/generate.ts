/**
 * Continuing token sequences with the model's forward pass (Gpt.logits). Each new token sees at
 * most the last contextLength tokens. The model takes windows of exactly contextLength tokens, so a
 * shorter context is left-aligned and padded: attention is causal, so the padding after the last
 * real position cannot change that position's logits. Only those rows are read back.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Random } from '../util/random';
import type { Gpt } from './gpt';
import { readAndDispose } from './read-back';
import { nextToken, type SamplingOptions } from './sampling';

export interface GenerateOptions extends SamplingOptions {
  /** New tokens per prompt. */
  tokens: number;
  rng: Random;
}

/** The continuation of each prompt (prompt tokens excluded). All prompts advance together, one batched forward pass per token. */
export function generate(model: Gpt, prompts: readonly (readonly number[])[], options: GenerateOptions): number[][] {
  if (prompts.some((p) => p.length === 0)) throw new Error('every prompt needs at least one token');
  const { contextLength: T, vocabSize: V } = model.config;
  const sequences = prompts.map((p) => [...p]);
  for (let n = 0; n < options.tokens; n++) {
    const inputs = new Int32Array(sequences.length * T);
    const lastPositions = new Int32Array(sequences.length);
    sequences.forEach((sequence, b) => {
      const context = sequence.slice(-T);
      inputs.set(context, b * T);
      lastPositions[b] = b * T + context.length - 1;
    });
    const logits = readAndDispose(
      tf.tidy(() => tf.gather(model.logits(tf.tensor2d(inputs, [sequences.length, T], 'int32')), tf.tensor1d(lastPositions, 'int32'))),
    ); // [B, V]
    sequences.forEach((sequence, b) => sequence.push(nextToken(logits.subarray(b * V, (b + 1) * V), options, options.rng)));
  }
  return sequences.map((sequence, b) => sequence.slice(prompts[b].length));
}
