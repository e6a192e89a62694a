/**
 * Text samples at each evaluation (`training.samples`), so users can read what the model learned.
 *
 * Prompts: for each domain, the first `promptTokens` tokens of `perDomain` held-out windows spread
 * evenly over its validation tokens (validation data, so the model never trained on the prompt; it
 * may start mid-document). Prompts and seed are the same at every evaluation, so successive samples
 * differ only by what the model learned. Cost per evaluation: `tokens` forward passes over the
 * K × perDomain prompts, on the training thread, at most one training batch per pass (the model
 * computes the logits of every position, so a pass costs what a training batch's forward does).
 */
import type { ResolvedRunConfig } from '../../shared/config';
import type { SamplesEvent } from '../../shared/run-events';
import { validationWindows, type PreparedDomain, type Tokenizer } from '../data';
import { generate } from '../model/generate';
import type { Gpt } from '../model/gpt';
import { Random } from '../util/random';

export type TextSampleSettings = NonNullable<ResolvedRunConfig['training']['samples']>;

export class TextSampler {
  private readonly prompts: { domain: number; tokens: number[] }[];

  constructor(
    domains: readonly PreparedDomain[],
    contextLength: number,
    private readonly settings: TextSampleSettings,
    private readonly tokenizer: Pick<Tokenizer, 'decode'>,
    private readonly seed: number,
    private readonly rowsPerPass: number,
  ) {
    const promptLength = Math.min(settings.promptTokens, contextLength);
    this.prompts = domains.flatMap((domain, k) =>
      validationWindows(domain, promptLength, settings.perDomain).map((window) => ({ domain: k, tokens: Array.from(window.x) })),
    );
  }

  sample(model: Gpt, step: number): SamplesEvent {
    const { tokens, temperature, topK } = this.settings;
    const rng = new Random(this.seed);
    const continuations: number[][] = [];
    for (let start = 0; start < this.prompts.length; start += this.rowsPerPass) {
      const chunk = this.prompts.slice(start, start + this.rowsPerPass).map((p) => p.tokens);
      continuations.push(...generate(model, chunk, { tokens, temperature, topK, rng }));
    }
    return {
      type: 'samples',
      step,
      samples: this.prompts.map((prompt, i) => ({ domain: prompt.domain, prompt: this.tokenizer.decode(prompt.tokens), text: this.tokenizer.decode(continuations[i]) })),
    };
  }
}
