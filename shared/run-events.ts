/**
 * Events of a run, in the order they happen. The trainer emits them to one sink; the daemon
 * persists them with a sequence number and streams them; the CLI writes them to the run's
 * events.jsonl; the dashboard and `ado report` draw them. Vectors are per domain, in the
 * order of the run's `meta.domains`.
 */

export type RunState =
  | 'created' // stored, not queued
  | 'queued' // waiting for a training slot
  | 'running'
  | 'paused' // checkpointed and stopped on request; `runs.resume` continues it
  | 'stopped' // stopped on request; final
  | 'completed'
  | 'failed'
  | 'interrupted'; // the daemon (or `ado compare`) stopped mid-run; `runs.resume` continues from the last checkpoint

/** "train": the daemon trains a model. "external": the daemon only hosts the mixture policy. */
export type RunKind = 'train' | 'external';

export const FINAL_STATES: readonly RunState[] = ['stopped', 'completed', 'failed'];

export interface StateEvent {
  type: 'state';
  state: RunState;
  message?: string;
}

/** Emitted once when a run starts (again after a resume): what every later vector refers to. */
export interface MetaEvent {
  type: 'meta';
  kind: RunKind;
  domains: string[];
  prior: number[];
  policy: string;
  totalSteps?: number;
  tokensPerStep?: number;
  /** Training tokens per domain (the natural prior's source; also the epoch denominator). */
  trainTokens?: number[];
  backend?: string;
  parameters?: number;
}

export interface StepEvent {
  type: 'step';
  step: number;
  /** Tokens trained on so far, this step included. */
  tokens: number;
  /** Wall time since the run first started, in ms (resumes continue it). */
  elapsedMs: number;
  /** Mean training loss of the batch (nats/token); null when the trainer did not report one. */
  loss: number | null;
  /** Each domain's mean per-sample loss in the batch; null where absent. */
  domainLosses: (number | null)[];
  /** Samples of each domain in the batch. */
  counts: number[];
  /** The distribution for the next batch. */
  weights: number[];
  /** The policy's own distribution before weight caps, present only when the caps changed it. */
  policyWeights?: number[];
  learningRate?: number;
  tokensPerSecond?: number;
  /** Epochs of each domain's training tokens consumed so far. */
  epochs?: number[];
}

export interface EvalEvent {
  type: 'eval';
  step: number;
  tokens: number;
  elapsedMs: number;
  /** Validation loss per domain (nats/token) on fixed held-out batches. */
  losses: number[];
  /** The uniform average over domains (the paper's "unweighted" metric). */
  uniform: number;
  /** The average weighted by each domain's share of validation tokens. */
  tokenWeighted: number;
}

export interface FitEvent {
  type: 'fit';
  step: number;
  /** Current n in 1024-token samples (domain 0's when each domain counts its own samples; see nByDomain). */
  n: number;
  /** Per domain: its own current n, present only when each domain counts its own samples (ADO's sameStepSize false). */
  nByDomain?: number[];
  /** Per domain: log β, log ε, α of L(n) = ε + β·n^(−α). */
  laws: { logBeta: number; logEps: number; alpha: number }[];
  objectives: number[];
  /** Per domain: L̂(n) at the current n. */
  predicted: number[];
  /** ADO's preference ρ at this step (after the δ_min floor). */
  preference: number[];
  /**
   * The smoothed points the laws were fitted to, decimated for display. With per-domain counts
   * (nByDomain present) each domain has its own x values in `nByDomain`, and `n` is domain 0's.
   */
  points: { n: number[]; loss: number[][]; nByDomain?: number[][] };
}

export interface CheckpointEvent {
  type: 'checkpoint';
  step: number;
  /** Path relative to the run directory. */
  file: string;
}

export interface LogEvent {
  type: 'log';
  level: 'info' | 'warning' | 'error';
  message: string;
  /** A stable identifier for warnings a UI may treat specially (e.g. "domain-exhausted"). */
  code?: string;
}

/**
 * Text the model wrote at an evaluation (`training.samples`): the same prompts each time, taken
 * from the start of each domain's held-out windows, so successive samples show what it learned.
 */
export interface SamplesEvent {
  type: 'samples';
  step: number;
  samples: {
    /** Index into `meta.domains`. */
    domain: number;
    prompt: string;
    /** The continuation only. */
    text: string;
  }[];
}

/** The end of a run: what the CLI summary and `ado compare` read. */
export interface SummaryEvent {
  type: 'summary';
  step: number;
  tokens: number;
  elapsedMs: number;
  tokensPerSecond: number;
  validation: { losses: number[]; uniform: number; tokenWeighted: number } | null;
  finalWeights: number[];
  averageWeights: number[];
}

export type RunEventBody = StateEvent | MetaEvent | StepEvent | EvalEvent | FitEvent | CheckpointEvent | LogEvent | SamplesEvent | SummaryEvent;
export type RunEventType = RunEventBody['type'];

/** An event as stored and streamed: numbered within its run, from 1, without gaps. */
export type RunEvent = RunEventBody & {
  runId: string;
  seq: number;
  /** Milliseconds since the Unix epoch. */
  time: number;
};

/** Where a trainer sends its events. The daemon and the CLI each provide one. */
export interface EventSink {
  emit(event: RunEventBody): void;
}
