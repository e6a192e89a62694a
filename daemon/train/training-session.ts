/**
 * The training loop of one run, on a prepared corpus and a ready policy: draw each sample's
 * domain, train, give the policy its per-domain feedback, evaluate and checkpoint on schedule,
 * and report everything as run events. run-training.ts prepares the inputs; tests drive this
 * directly with small in-memory corpora.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ResolvedRunConfig } from '../../shared/config';
import type { EventSink, StepEvent, SummaryEvent } from '../../shared/run-events';
import type { ActiveBackend } from '../backend/select-backend';
import { createWindowStreams, WindowStream, type PreparedDomain, type Tokenizer } from '../data';
import { fitEventFromPolicyStep } from '../events/policy-events';
import { describeEpochOverrun, epochOverruns } from '../../shared/planned-epochs';
import { CappedPolicy } from '../mixture/capped-policy';
import type { MixturePolicy } from '../mixture/policy';
import { parameterCount } from '../model/parameters';
import { Random } from '../util/random';
import { CHECKPOINT_FORMAT_VERSION, CheckpointError, readLatestCheckpoint, writeCheckpoint, type Checkpoint } from './checkpoint';
import { groupLossesByDomain, mean, sampleDomains } from './domain-batch';
import { evaluate, evaluationSet, type EvaluationSet, type ValidationResult } from './evaluation';
import { learningRateAt } from './learning-rate';
import { TextSampler } from './text-samples';
import { Throughput } from './throughput';
import { tokenBatch } from './token-batch';
import { Trainer } from './trainer';

export interface SessionInput {
  config: ResolvedRunConfig;
  domains: readonly PreparedDomain[];
  /** The model's vocabulary; decodes the evaluation-time text samples. */
  tokenizer: Tokenizer;
  prior: Float64Array;
  policy: MixturePolicy;
  backend: ActiveBackend;
  runDir: string;
  sink: EventSink;
  signal?: AbortSignal;
  /** Continue from the run's latest checkpoint (from the start when it has none). */
  resume?: boolean;
  onStep?: (event: StepEvent, timing: StepTiming) => void;
}

/** Where one step's wall time went, in ms. */
export interface StepTiming {
  data: number;
  train: number;
  policy: number;
}

export type TrainingOutcome =
  | { reason: 'completed'; stepsCompleted: number; summary: SummaryEvent }
  /** Stopped on the abort signal after writing a checkpoint; resumable. */
  | { reason: 'aborted'; stepsCompleted: number }
  /** A non-finite loss; the last good checkpoint is kept. */
  | { reason: 'diverged'; stepsCompleted: number; message: string };

export async function runSession(input: SessionInput): Promise<TrainingOutcome> {
  const session = await TrainingSession.open(input);
  try {
    return await session.run();
  } finally {
    await session.close();
  }
}

class TrainingSession {
  /** Steps completed; the index of the next step to train. */
  private nextStep = 0;
  private tokens = 0;
  private elapsedBeforeMs = 0;
  private readonly startedAt = performance.now();
  private samplerRng: Random;
  private streams: WindowStream[];
  private weights: Float64Array;
  private weightSums: Float64Array;
  private validation: ValidationResult | null = null;
  private lastEvaluatedStep = -1;
  private lastCheckpointStep = -1;
  private readonly throughput = new Throughput();
  private readonly evaluationSet: EvaluationSet;
  private readonly textSampler: TextSampler | undefined;
  private readonly batchSize: number;
  private readonly contextLength: number;

  private constructor(
    private readonly input: SessionInput,
    private readonly trainer: Trainer,
    private readonly workers: number,
    seeds: { sampler: number; streams: number; textSamples: number },
  ) {
    const { config, domains, policy } = input;
    this.batchSize = config.training.batchSize;
    this.contextLength = config.data.contextLength;
    this.samplerRng = new Random(seeds.sampler);
    this.streams = createWindowStreams({ domains: [...domains] }, this.contextLength, seeds.streams);
    this.weights = policy.current();
    this.weightSums = new Float64Array(domains.length);
    this.evaluationSet = evaluationSet(domains, this.contextLength, this.batchSize, config.training.evalBatches);
    const samples = config.training.samples;
    this.textSampler = samples && new TextSampler(domains, this.contextLength, samples, input.tokenizer, seeds.textSamples, this.batchSize);
  }

  static async open(input: SessionInput): Promise<TrainingSession> {
    const { config, backend } = input;
    // One seed, split so that the model, the sampler and the window order draw independent streams.
    const seeds = new Random(config.seed);
    const modelSeed = seeds.nextUint32();
    const workers = backend.name === 'tensorflow' ? 1 : config.training.workers;
    const trainer = await Trainer.create({
      model: {
        vocabSize: input.tokenizer.vocabSize,
        contextLength: config.data.contextLength,
        layers: config.model.layers,
        heads: config.model.heads,
        dModel: config.model.dModel,
        mlpRatio: config.model.mlpRatio,
      },
      seed: modelSeed,
      backend: backend.name,
      workers,
      optimizer: { beta1: config.training.beta1, beta2: config.training.beta2, weightDecay: config.training.weightDecay },
      gradClip: config.training.gradClip,
    });
    const session = new TrainingSession(input, trainer, workers, { sampler: seeds.nextUint32(), streams: seeds.nextUint32(), textSamples: seeds.nextUint32() });
    if (input.resume) session.restoreLatest();
    return session;
  }

  async run(): Promise<TrainingOutcome> {
    const { config, sink, signal } = this.input;
    const totalSteps = config.training.steps;
    this.emitMeta();
    if (this.nextStep === 0) this.warnAboutPlannedEpochs();
    while (this.nextStep < totalSteps) {
      await yieldToEventLoop();
      if (signal?.aborted) return this.pause();
      const diverged = await this.trainStep();
      if (diverged) return this.fail(diverged);
      if (this.nextStep % config.training.evalInterval === 0) await this.evaluate();
      if (this.nextStep % config.training.checkpointInterval === 0) this.checkpoint();
    }
    if (this.lastEvaluatedStep !== this.nextStep) await this.evaluate();
    if (this.lastCheckpointStep !== this.nextStep) this.checkpoint();
    const summary = this.summary();
    sink.emit(summary);
    sink.emit({ type: 'state', state: 'completed' });
    return { reason: 'completed', stepsCompleted: this.nextStep, summary };
  }

  async close(): Promise<void> {
    await this.trainer.dispose();
  }

  /** Trains step `nextStep`; returns a message when the loss is no longer finite. */
  private async trainStep(): Promise<string | undefined> {
    const { config, policy, sink, onStep } = this.input;
    const step = this.nextStep;
    const started = performance.now();
    const domainOfSample = sampleDomains(this.weights, this.batchSize, this.samplerRng);
    const batch = tokenBatch(Array.from(domainOfSample, (k) => this.streams[k].next()), this.contextLength);
    const learningRate = learningRateAt(step, config.training);
    const trainStarted = performance.now();
    const perSample = await this.trainer.train(batch, learningRate);
    const trained = performance.now();
    if (!perSample.every(Number.isFinite)) {
      return `the training loss became ${perSample.find((v) => !Number.isFinite(v))} at step ${step}`;
    }
    const feedback = groupLossesByDomain(domainOfSample, perSample, this.weights.length);
    // A refit runs here, inside the step, on purpose: the next batch is drawn from its weights, so
    // running it off-thread would either make the mixture depend on timing (runs no longer
    // reproducible, resumes no longer equal to never stopping) or wait for it anyway. It is short:
    // for the default config (7 domains, fit "fast") the first, JIT-cold refit takes about 0.15 s of
    // CPU and later ones about 0.05 s, so the progress bar barely pauses, and Ctrl-C, seen when the
    // loop yields before the next step, still stops within a step.
    const result = policy.observe({ step, ...feedback });
    const observed = performance.now();

    this.weights.forEach((w, k) => (this.weightSums[k] += w));
    this.weights = result.weights;
    this.nextStep = step + 1;
    this.tokens += batch.size * batch.length;
    this.throughput.record(batch.size * batch.length, observed);
    const epochs = this.streams.map((s) => s.epochsConsumed);
    const event: StepEvent = {
      type: 'step',
      step,
      tokens: this.tokens,
      elapsedMs: this.elapsedMs(),
      loss: mean(perSample),
      domainLosses: feedback.losses,
      counts: feedback.counts,
      weights: Array.from(result.weights),
      ...(result.policyWeights ? { policyWeights: Array.from(result.policyWeights) } : {}),
      learningRate,
      ...(this.throughput.perSecond() !== undefined ? { tokensPerSecond: this.throughput.perSecond() } : {}),
      epochs,
    };
    sink.emit(event);
    const fit = fitEventFromPolicyStep(result, this.samplesSeen() * this.tokensPerSample() / 1024);
    if (fit) sink.emit(fit);
    this.reportExhaustedDomains(epochs);
    onStep?.(event, { data: trainStarted - started, train: trained - trainStarted, policy: observed - trained });
    return undefined;
  }

  private async evaluate(): Promise<void> {
    this.validation = await evaluate(this.evaluationSet, (batch) => this.trainer.evaluate(batch));
    this.lastEvaluatedStep = this.nextStep;
    this.input.sink.emit({ type: 'eval', step: this.nextStep - 1, tokens: this.tokens, elapsedMs: this.elapsedMs(), ...this.validation });
    if (this.textSampler) this.input.sink.emit(this.textSampler.sample(this.trainer.model, this.nextStep - 1));
  }

  private checkpoint(): void {
    const trainerState = this.trainer.state();
    const file = writeCheckpoint(this.input.runDir, {
      state: {
        formatVersion: CHECKPOINT_FORMAT_VERSION,
        nextStep: this.nextStep,
        tokens: this.tokens,
        elapsedMs: this.elapsedMs(),
        parameters: this.trainer.model.parameters.map((p) => ({ name: p.name, shape: [...p.variable.shape] })),
        optimizerStep: trainerState.optimizer.step,
        samplerRng: this.samplerRng.state(),
        streams: this.streams.map((s) => s.state()),
        policy: this.input.policy.state(),
        weights: Array.from(this.weights),
        weightSums: Array.from(this.weightSums),
      },
      parameters: trainerState.parameters,
      firstMoment: trainerState.optimizer.firstMoment,
      secondMoment: trainerState.optimizer.secondMoment,
    });
    this.lastCheckpointStep = this.nextStep;
    this.input.sink.emit({ type: 'checkpoint', step: this.nextStep - 1, file });
  }

  private restoreLatest(): void {
    const checkpoint = readLatestCheckpoint(this.input.runDir);
    if (!checkpoint) {
      this.log('info', 'no checkpoint yet; the run starts again from step 0');
      return;
    }
    this.log('info', `resuming from the checkpoint written after ${checkpoint.state.nextStep} steps`);
    this.checkLayout(checkpoint);
    const { state } = checkpoint;
    this.trainer.restore({
      parameters: checkpoint.parameters,
      optimizer: { step: state.optimizerStep, firstMoment: checkpoint.firstMoment, secondMoment: checkpoint.secondMoment },
    });
    this.input.policy.restore(state.policy);
    this.samplerRng = Random.fromState(state.samplerRng);
    this.streams = state.streams.map((s, k) => WindowStream.restore(this.input.domains[k].train, this.contextLength, s));
    this.nextStep = state.nextStep;
    this.tokens = state.tokens;
    this.elapsedBeforeMs = state.elapsedMs;
    this.weights = Float64Array.from(state.weights);
    this.weightSums = Float64Array.from(state.weightSums);
    this.lastCheckpointStep = state.nextStep;
  }

  private checkLayout({ state }: Checkpoint): void {
    const expected = this.trainer.model.parameters.map((p) => `${p.name}[${p.variable.shape.join('×')}]`).join(', ');
    const found = state.parameters.map((p) => `${p.name}[${p.shape.join('×')}]`).join(', ');
    if (expected !== found) throw new CheckpointError(`the latest checkpoint of ${this.input.runDir} holds a different model than the config describes`);
    if (state.streams.length !== this.input.domains.length) {
      throw new CheckpointError(`the latest checkpoint of ${this.input.runDir} has ${state.streams.length} domains; the data now has ${this.input.domains.length}`);
    }
  }

  private pause(): TrainingOutcome {
    if (this.lastCheckpointStep !== this.nextStep) this.checkpoint();
    this.input.sink.emit({ type: 'state', state: 'paused', message: `checkpointed at step ${this.nextStep}` });
    return { reason: 'aborted', stepsCompleted: this.nextStep };
  }

  private fail(reason: string): TrainingOutcome {
    const kept = this.lastCheckpointStep >= 0 ? `the last good checkpoint (after ${this.lastCheckpointStep} steps) is kept` : 'no checkpoint had been written yet';
    const message = `training diverged: ${reason}; ${kept}. Lower training.learningRate or raise training.warmupSteps, then train again.`;
    this.log('error', message, 'diverged');
    this.input.sink.emit({ type: 'state', state: 'failed', message });
    return { reason: 'diverged', stepsCompleted: this.nextStep, message };
  }

  private summary(): SummaryEvent {
    const elapsedMs = this.elapsedMs();
    return {
      type: 'summary',
      step: this.nextStep - 1,
      tokens: this.tokens,
      elapsedMs,
      tokensPerSecond: (this.tokens / elapsedMs) * 1000,
      validation: this.validation,
      finalWeights: Array.from(this.weights),
      averageWeights: Array.from(this.weightSums, (sum) => sum / this.nextStep),
    };
  }

  private emitMeta(): void {
    const { config, domains, prior, policy, backend, sink } = this.input;
    sink.emit({
      type: 'meta',
      kind: 'train',
      domains: domains.map((d) => d.name),
      prior: Array.from(prior),
      policy: policy.name,
      totalSteps: config.training.steps,
      tokensPerStep: this.batchSize * this.contextLength,
      trainTokens: domains.map((d) => d.train.length),
      backend: backend.name,
      parameters: parameterCount(this.trainer.model.parameters),
    });
    this.log('info', `training on ${backend.detail}${this.workers > 1 ? ` × ${this.workers} workers` : ''}`);
    if (this.workers !== config.training.workers) {
      this.log('warning', `training.workers = ${config.training.workers} applies to CPU backends; the tensorflow backend uses its own threads, so this run trains with 1 worker`);
    }
    for (const warning of backend.warnings) this.log('warning', warning, 'backend');
  }

  /** Before the first step, with exact token counts: the validator could only estimate them from file sizes. */
  private warnAboutPlannedEpochs(): void {
    const { config, domains } = this.input;
    const names = domains.map((d) => d.name);
    for (const overrun of epochOverruns(config, names, this.weights, domains.map((d) => d.train.length))) {
      this.log('warning', describeEpochOverrun(overrun), 'planned-epochs');
    }
  }

  private reportExhaustedDomains(epochs: number[]): void {
    const { policy, domains } = this.input;
    if (!(policy instanceof CappedPolicy)) return;
    for (const exhausted of policy.trackEpochs(epochs)) {
      const name = domains[exhausted.domain].name;
      const action = exhausted.capped ? 'its weight is capped to 0 from now on' : exhausted.refused ? `it cannot be capped (${exhausted.refused})` : 'it keeps being sampled';
      this.log('warning', `domain "${name}" has been repeated ${exhausted.epochs.toFixed(2)} times, past mixture.maxEpochs; ${action}`, 'domain-exhausted');
    }
  }

  private log(level: 'info' | 'warning' | 'error', message: string, code?: string): void {
    this.input.sink.emit({ type: 'log', level, message, ...(code ? { code } : {}) });
  }

  private elapsedMs(): number {
    return this.elapsedBeforeMs + (performance.now() - this.startedAt);
  }

  private samplesSeen(): number {
    return this.nextStep * this.batchSize;
  }

  private tokensPerSample(): number {
    return this.input.config.mixture.ado.tokensPerSample ?? this.contextLength;
  }
}
