/**
 * Training windows: each domain's training tokens cut into windows of contextLength + 1 tokens,
 * x = the first T tokens and y = the same shifted by one. Consecutive windows share their boundary
 * token, so the targets never overlap and every token is predicted once per epoch.
 */
import { Random } from '../util/random';
import type { PreparedCorpus, PreparedDomain, TokenArray, WindowStreamState } from './types';

export interface Window {
  /** Input tokens (length T), a view into the domain's tokens. */
  x: TokenArray;
  /** Target tokens (length T): x shifted by one. */
  y: TokenArray;
}

function windowAt(tokens: TokenArray, start: number, contextLength: number): Window {
  return { x: tokens.subarray(start, start + contextLength), y: tokens.subarray(start + 1, start + contextLength + 1) };
}

/** How many windows `tokens` holds. */
export function windowCount(tokens: TokenArray, contextLength: number): number {
  return Math.max(0, Math.floor((tokens.length - 1) / contextLength));
}

/**
 * One domain's windows in a seeded random order, reshuffled every epoch. Its state is small and
 * restoring it continues exactly where the saved stream was.
 */
export class WindowStream {
  readonly windowsPerEpoch: number;
  private epoch: number;
  private position: number;
  /** The generator state the current epoch's order was drawn from. */
  private epochRngState: number[];
  private readonly rng: Random;
  private order: Uint32Array;

  private constructor(private readonly tokens: TokenArray, private readonly contextLength: number, state: WindowStreamState) {
    this.windowsPerEpoch = windowCount(tokens, contextLength);
    if (this.windowsPerEpoch === 0) throw new Error(`a window stream needs at least ${contextLength + 1} tokens, got ${tokens.length}`);
    if (state.position > this.windowsPerEpoch) throw new Error(`window stream state is past the end of its epoch (${state.position} > ${this.windowsPerEpoch})`);
    this.epoch = state.epoch;
    this.position = state.position;
    this.epochRngState = state.rng;
    this.rng = Random.fromState(state.rng);
    this.order = this.shuffledOrder();
  }

  static create(tokens: TokenArray, contextLength: number, seed: number): WindowStream {
    return new WindowStream(tokens, contextLength, { epoch: 0, position: 0, rng: new Random(seed).state() });
  }

  static restore(tokens: TokenArray, contextLength: number, state: WindowStreamState): WindowStream {
    return new WindowStream(tokens, contextLength, state);
  }

  next(): Window {
    if (this.position === this.windowsPerEpoch) {
      this.epoch++;
      this.position = 0;
      this.epochRngState = this.rng.state();
      this.order = this.shuffledOrder();
    }
    return windowAt(this.tokens, this.order[this.position++] * this.contextLength, this.contextLength);
  }

  state(): WindowStreamState {
    return { epoch: this.epoch, position: this.position, rng: [...this.epochRngState] };
  }

  /** Passes over the training tokens so far, fractional: windows consumed × T / training tokens. */
  get epochsConsumed(): number {
    return ((this.epoch * this.windowsPerEpoch + this.position) * this.contextLength) / this.tokens.length;
  }

  private shuffledOrder(): Uint32Array {
    const order = new Uint32Array(this.windowsPerEpoch);
    for (let i = 0; i < order.length; i++) order[i] = i;
    return this.rng.shuffle(order);
  }
}

/** One stream per domain (in corpus order), each with its own seed derived from the run's. */
export function createWindowStreams(corpus: Pick<PreparedCorpus, 'domains'>, contextLength: number, seed: number): WindowStream[] {
  const seeds = new Random(seed);
  return corpus.domains.map((domain) => WindowStream.create(domain.train, contextLength, seeds.nextUint32()));
}

/**
 * Fixed evaluation windows from a domain's validation split: up to `maxWindows`, evenly spaced
 * from its start to its end, the same every time.
 */
export function validationWindows(domain: PreparedDomain, contextLength: number, maxWindows: number): Window[] {
  const tokens = domain.validation;
  const count = Math.min(maxWindows, windowCount(tokens, contextLength));
  const lastStart = tokens.length - contextLength - 1;
  return Array.from({ length: count }, (_, i) =>
    windowAt(tokens, count === 1 ? 0 : Math.floor((i * lastStart) / (count - 1)), contextLength),
  );
}
