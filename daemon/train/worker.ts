/**
 * One training in its own child process, bundled as dist/train-worker.js: the daemon sends a
 * TrainingAssignment and receives the run's events over IPC (daemon/service/worker-messages.ts),
 * which it numbers and persists. This file only adapts runTraining to that channel. It is the
 * only process of the daemon's that loads tfjs.
 */
import { selectBackend } from '../backend/select-backend';
import type { DaemonToWorker, TrainingAssignment, TrainingResult, WorkerToDaemon } from '../service/worker-messages';
import { runTraining, type TrainingOutcome } from './run-training';

const abort = new AbortController();
let requested: 'pause' | 'stop' | undefined;

// The daemon is gone (killed with -9, say): nobody would persist our events, and a restarted
// daemon may already be resuming this run from its checkpoint, so stop at once rather than race it.
process.on('disconnect', () => process.exit(0));
process.on('message', (message: DaemonToWorker) => {
  switch (message.type) {
    case 'train':
      return void train(message.assignment);
    case 'pause':
    case 'stop':
      requested ??= message.type;
      return abort.abort();
    case 'probe-backend':
      return void probeBackend();
  }
});

function send(message: WorkerToDaemon, then?: () => void): void {
  if (!process.connected) process.exit(0);
  process.send!(message, undefined, {}, then);
}

/** Sends the last message, then exits (tfjs may hold handles that would keep the process alive). */
function finish(message: WorkerToDaemon): void {
  send(message, () => process.exit(0));
}

async function train(assignment: TrainingAssignment): Promise<void> {
  let result: TrainingResult;
  try {
    const outcome = await runTraining({ ...assignment, sink: { emit: (event) => send({ type: 'event', event }) }, signal: abort.signal });
    result = resultOf(outcome);
  } catch (error) {
    result = { state: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  finish({ type: 'finished', result });
}

function resultOf(outcome: TrainingOutcome): TrainingResult {
  switch (outcome.reason) {
    case 'completed':
      return { state: 'completed' };
    case 'aborted':
      return { state: requested === 'stop' ? 'stopped' : 'paused', message: `checkpointed at step ${outcome.stepsCompleted}` };
    case 'diverged':
      return { state: 'failed', message: outcome.message };
  }
}

async function probeBackend(): Promise<void> {
  try {
    const { name, gpu, detail } = await selectBackend('auto');
    finish({ type: 'backend', backend: { name, gpu, detail } });
  } catch (error) {
    finish({ type: 'backend', backend: { name: 'none', gpu: false, detail: error instanceof Error ? error.message : String(error) } });
  }
}
