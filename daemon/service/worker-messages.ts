/**
 * Messages between the daemon and a training process (dist/train-worker.js, forked with an IPC
 * channel). The daemon owns the run's event log: the worker only reports events, in order, and
 * the daemon numbers and persists them.
 */
import type { BackendInfo } from '../../shared/protocol';
import type { RunEventBody } from '../../shared/run-events';
import type { ResolvedRunConfig } from '../../shared/config';

export interface TrainingAssignment {
  config: ResolvedRunConfig;
  /** Relative paths in the config resolve against this folder. */
  configDir: string;
  /** The daemon's data roots (real paths): every file the training reads must lie in one. */
  dataRoots: string[];
  runDir: string;
  dataDir: string;
  /** Continue from the run's last checkpoint. */
  resume: boolean;
}

/** daemon → worker */
export type DaemonToWorker =
  | { type: 'train'; assignment: TrainingAssignment }
  /** Checkpoint, then finish with state "paused". */
  | { type: 'pause' }
  /** Finish as soon as possible with state "stopped". */
  | { type: 'stop' }
  /** Report the backend "auto" would pick, then exit. */
  | { type: 'probe-backend' };

export interface TrainingResult {
  state: 'completed' | 'paused' | 'stopped' | 'failed';
  message?: string;
}

/** worker → daemon */
export type WorkerToDaemon =
  | { type: 'event'; event: RunEventBody }
  | { type: 'finished'; result: TrainingResult }
  | { type: 'backend'; backend: BackendInfo };
