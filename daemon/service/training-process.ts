/**
 * One training run in its own Node process. A child process rather than a worker thread: a
 * training step can hold a core for seconds and allocate hundreds of MB of tensors, and a crash
 * or out-of-memory abort in tfjs (wasm or native) must take down only that run, never the daemon
 * that every client talks to.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { BackendInfo } from '../../shared/protocol';
import type { RunEventBody } from '../../shared/run-events';
import type { DaemonToWorker, TrainingAssignment, TrainingResult, WorkerToDaemon } from './worker-messages';

export interface WorkerEntry {
  /** The worker script: dist/train-worker.js in a build. */
  modulePath: string;
  /** Node flags for it, e.g. ['--import', 'tsx'] to run a TypeScript worker directly. */
  execArgv?: string[];
}

/** Where a worker's stdout/stderr lines go (the daemon log). */
export type OutputSink = (line: string) => void;

const STDERR_LINES_KEPT = 20;

export class TrainingProcess {
  readonly finished: Promise<TrainingResult>;
  private readonly child: ChildProcess;
  private readonly stderrTail: string[] = [];

  constructor(entry: WorkerEntry, assignment: TrainingAssignment, onEvent: (event: RunEventBody) => void, output: OutputSink) {
    this.child = spawnWorker(entry);
    pipeLines(this.child, (line, stream) => {
      if (stream === 'stderr' && this.stderrTail.push(line) > STDERR_LINES_KEPT) this.stderrTail.shift();
      output(line);
    });
    let result: TrainingResult | undefined;
    this.child.on('message', (message: WorkerToDaemon) => {
      if (message.type === 'event') onEvent(message.event);
      else if (message.type === 'finished') result = message.result;
    });
    // 'close', not 'exit': it comes after the IPC channel has delivered the last message.
    this.finished = new Promise((resolve) => {
      this.child.once('close', (code, signal) => resolve(result ?? this.crashResult(code, signal)));
    });
    this.post({ type: 'train', assignment });
  }

  /** Checkpoint and finish as "paused". */
  pause(): void {
    this.post({ type: 'pause' });
  }

  stop(): void {
    this.post({ type: 'stop' });
  }

  /** For deleting a run: nothing of it needs saving. */
  kill(): void {
    this.child.kill('SIGKILL');
  }

  private post(message: DaemonToWorker): void {
    if (this.child.connected) this.child.send(message);
  }

  private crashResult(code: number | null, signal: NodeJS.Signals | null): TrainingResult {
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const last = this.stderrTail.filter((line) => line.trim()).slice(-3).join(' | ');
    return { state: 'failed', message: `the training process ${how}${last ? `: ${last}` : ''}` };
  }
}

/** Asks a short-lived worker which backend "auto" would train on, without loading tfjs into the daemon. */
export function probeBackend(entry: WorkerEntry): Promise<BackendInfo> {
  return new Promise((resolve, reject) => {
    const child = spawnWorker(entry);
    child.on('message', (message: WorkerToDaemon) => {
      if (message.type === 'backend') resolve(message.backend);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the backend probe exited with code ${code} before answering`)));
    child.send({ type: 'probe-backend' } satisfies DaemonToWorker);
  });
}

function spawnWorker(entry: WorkerEntry): ChildProcess {
  return fork(entry.modulePath, [], { execArgv: entry.execArgv ?? [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
}

function pipeLines(child: ChildProcess, onLine: (line: string, stream: 'stdout' | 'stderr') => void): void {
  createInterface({ input: child.stdout! }).on('line', (line) => onLine(line, 'stdout'));
  createInterface({ input: child.stderr! }).on('line', (line) => onLine(line, 'stderr'));
}
