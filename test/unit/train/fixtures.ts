/** Small in-memory runs for the trainer's tests: a byte corpus, a constant policy, a sink that records. */
import { resolveConfig, type ResolvedRunConfig, type RunConfig } from '../../../shared/config';
import type { EventSink, RunEventBody } from '../../../shared/run-events';
import type { ActiveBackend } from '../../../daemon/backend/select-backend';
import type { PreparedDomain } from '../../../daemon/data';
import type { MixturePolicy, PolicyState, StepFeedback } from '../../../daemon/mixture/policy';
import { byteTokenizer } from '../../../daemon/data/tokenizers/byte';
import { runSession, type SessionInput } from '../../../daemon/train/training-session';
import { tempDir } from '../../helpers/temp-dir';

/** A learnable pattern (period 7) and noise-like text. */
export const TEXTS = {
  pattern: 'abcdefg'.repeat(600),
  prose: 'It was the best of times, it was the worst of times, it was the age of wisdom. '.repeat(40),
};

export function byteDomains(texts: Record<string, string>, validationFraction = 0.1): PreparedDomain[] {
  return Object.entries(texts).map(([name, text]) => {
    const tokens = Uint16Array.from(Buffer.from(text, 'utf8'));
    const cut = Math.floor(tokens.length * (1 - validationFraction));
    return { name, train: tokens.subarray(0, cut), validation: tokens.subarray(cut) };
  });
}

export function tinyConfig(overrides: { training?: RunConfig['training']; model?: RunConfig['model']; mixture?: RunConfig['mixture'] } = {}): ResolvedRunConfig {
  return resolveConfig({
    version: 1,
    name: 'tiny',
    seed: 7,
    data: { contextLength: 8, domains: Object.keys(TEXTS).map((name) => ({ name, path: `${name}.txt` })) },
    model: { layers: 1, heads: 2, dModel: 16, ...overrides.model },
    training: {
      steps: 30,
      batchSize: 8,
      learningRate: 1e-2,
      minLearningRate: 1e-3,
      warmupSteps: 3,
      evalInterval: 10,
      evalBatches: 1,
      checkpointInterval: 10,
      backend: 'cpu',
      ...overrides.training,
    },
    mixture: { policy: 'natural', ...overrides.mixture },
  });
}

/** Always the same distribution; records what it observed. */
export class ConstantPolicy implements MixturePolicy {
  readonly name = 'constant';
  readonly observed: StepFeedback[] = [];

  constructor(
    readonly domains: readonly string[],
    private readonly weights: number[],
  ) {}

  current(): Float64Array {
    return Float64Array.from(this.weights);
  }

  observe(feedback: StepFeedback) {
    this.observed.push({ step: feedback.step, counts: Array.from(feedback.counts), losses: Array.from(feedback.losses) });
    return { weights: this.current() };
  }

  state(): PolicyState {
    return { policy: this.name, version: 1, observations: this.observed.length };
  }

  restore(): void {}
}

export class RecordingSink implements EventSink {
  readonly events: RunEventBody[] = [];

  emit(event: RunEventBody): void {
    this.events.push(structuredClone(event));
  }

  ofType<T extends RunEventBody['type']>(type: T): Extract<RunEventBody, { type: T }>[] {
    return this.events.filter((e): e is Extract<RunEventBody, { type: T }> => e.type === type);
  }
}

export const CPU_BACKEND: ActiveBackend = { name: 'cpu', gpu: false, detail: 'cpu (test)', warnings: [] };
export const WASM_BACKEND: ActiveBackend = { name: 'wasm', gpu: false, detail: 'wasm (test)', warnings: [] };

export function temporaryRunDir(): string {
  return tempDir('ado-train-test-');
}

/** Runs a session on TEXTS with a constant 50/50 policy; returns the sink and the outcome. */
export async function trainTiny(options: Partial<SessionInput> & { config?: ResolvedRunConfig } = {}) {
  const domains = byteDomains(TEXTS);
  const sink = new RecordingSink();
  const policy = new ConstantPolicy(
    domains.map((d) => d.name),
    [0.5, 0.5],
  );
  const outcome = await runSession({
    config: options.config ?? tinyConfig(),
    domains,
    tokenizer: byteTokenizer(),
    prior: Float64Array.from([0.5, 0.5]),
    policy,
    backend: CPU_BACKEND,
    runDir: options.runDir ?? temporaryRunDir(),
    sink,
    ...options,
  });
  return { sink, outcome, policy };
}
