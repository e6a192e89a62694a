/**
 * runTraining: one built-in training run, start to finish — the daemon runs it in a worker
 * thread, `ado train` in the foreground. It selects the backend, prepares the corpus, builds the
 * mixture policy and hands them to the training session, which reports everything through `sink`.
 *
 * States it emits: `running` at the start; then `completed`, `paused` (after the abort signal,
 * once a checkpoint is written) or `failed` (divergence, or an error, which is also rethrown).
 * The host owns the states before (`queued`) and after (e.g. `stopped` after a pause it asked for).
 */
import type { BackendName, ResolvedRunConfig } from '../../shared/config';
import type { EventSink, StepEvent } from '../../shared/run-events';
import { selectBackend } from '../backend/select-backend';
import { naturalPrior, prepareCorpus, resolvePrior, type PrepareProgress } from '../data';
import { paths } from '../runs/layout';
import { mixturePolicy } from './mixture-policy';
import { runSession, type StepTiming, type TrainingOutcome } from './training-session';

export type { StepTiming, TrainingOutcome } from './training-session';

export interface TrainingOptions {
  config: ResolvedRunConfig;
  /** Folder of the config file; data paths are relative to it. */
  configDir: string;
  /** A daemon's data roots (real paths): every file read must lie in one. Absent, any file may be read. */
  dataRoots?: readonly string[];
  /** The run directory (created by the host; see daemon/runs/create-run-dir.ts). */
  runDir: string;
  /** Holds the shared token cache. */
  dataDir: string;
  sink: EventSink;
  /** Abort = write a checkpoint, emit `paused`, and return `{ reason: 'aborted' }`. */
  signal?: AbortSignal;
  /** Continue from the run's latest checkpoint. */
  resume?: boolean;
  /** Overrides config.training.backend. */
  backend?: BackendName;
  onPrepareProgress?: (progress: PrepareProgress) => void;
  onStep?: (event: StepEvent, timing: StepTiming) => void;
}

export async function runTraining(options: TrainingOptions): Promise<TrainingOutcome> {
  const { config, sink } = options;
  sink.emit({ type: 'state', state: 'running', message: options.resume ? 'resuming' : 'preparing data' });
  try {
    const backend = await selectBackend(options.backend ?? config.training.backend);
    const corpus = await prepareCorpus(config, {
      configDir: options.configDir,
      dataRoots: options.dataRoots,
      cacheRoot: paths.tokenCache(options.dataDir),
      onProgress: options.onPrepareProgress,
    });
    for (const warning of corpus.warnings) sink.emit({ type: 'log', level: 'warning', message: warning, code: 'data' });
    const domains = corpus.domains.map((d) => d.name);
    const prior = resolvePrior(config.mixture.prior, domains, naturalPrior(corpus));
    const policy = mixturePolicy(config, domains, prior, options.configDir, options.dataRoots);
    return await runSession({
      config,
      domains: corpus.domains,
      tokenizer: corpus.tokenizer,
      prior,
      policy,
      backend,
      runDir: options.runDir,
      sink,
      signal: options.signal,
      resume: options.resume,
      onStep: options.onStep,
    });
  } catch (error) {
    sink.emit({ type: 'state', state: 'failed', message: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}
