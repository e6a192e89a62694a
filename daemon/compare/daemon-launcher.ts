/**
 * Trains a comparison's runs on a daemon (`ado compare --url`): every run is created at once and
 * the daemon's queue decides how many train in parallel. Each run is followed through its event
 * stream until it reaches a final state. Ctrl-C pauses the runs still going (each at a checkpoint),
 * and `--resume` resumes them on the daemon instead of training them again.
 */
import { existsSync } from 'node:fs';
import type { DaemonClient, Disposable, RunSubscription } from '../../shared/client/daemon-client';
import { FINAL_STATES, type StateEvent } from '../../shared/run-events';
import { paths } from '../runs/layout';
import type { PlannedRun } from './plan';
import type { LaunchHooks, RunLauncher } from './run-comparison';
import type { RunIdentity, RunRef } from './run-outcome';

export async function daemonLauncher(client: DaemonClient, plannedRuns: number): Promise<RunLauncher> {
  // A daemon on this machine keeps its runs where `ado report` can read them.
  const { dataDir } = await client.request('daemon.status', {});
  const localRunDir = (runId: string) => (existsSync(paths.run(dataDir, runId)) ? paths.run(dataDir, runId) : null);
  return {
    concurrency: plannedRuns,
    async train(planned: PlannedRun, earlier: RunRef | undefined, hooks: LaunchHooks, signal: AbortSignal): Promise<RunIdentity> {
      signal.throwIfAborted();
      const resumable = earlier ? await resumableSeq(client, earlier.runId) : undefined;
      const runId = resumable !== undefined ? earlier!.runId : (await client.request('runs.create', { config: planned.config, start: false })).run.id;
      hooks.started({ runId, runDir: localRunDir(runId) });
      let subscription: RunSubscription | undefined;
      let connection: Disposable | undefined;
      const ended = new Promise<StateEvent>((resolve, reject) => {
        // The client reconnects by itself; only a connection given up for good ends the wait.
        connection = client.onStateChange((state, error) => state === 'closed' && reject(error ?? new Error('the connection to the daemon was closed')));
        // From the run's current end: a resumed run's earlier events are already in results.json.
        client.subscribe(runId, (event) => {
          hooks.event(event);
          if (event.type === 'state' && (FINAL_STATES.includes(event.state) || (signal.aborted && event.state === 'paused'))) resolve(event);
        }, { fromSeq: resumable ?? 0 }).then((s) => (subscription = s), reject);
      });
      // Paused, not stopped: a stopped run is final, a paused one resumes from its checkpoint.
      const pause = () => void client.request('runs.pause', { runId }).catch(() => client.request('runs.stop', { runId }).catch(() => {}));
      signal.addEventListener('abort', pause, { once: true });
      await client.request(resumable !== undefined ? 'runs.resume' : 'runs.start', { runId });
      const { state, message } = await ended.finally(() => {
        signal.removeEventListener('abort', pause);
        subscription?.dispose();
        connection?.dispose();
      });
      return { runId, runDir: localRunDir(runId), state, ...(message !== undefined && { message }) };
    },
  };
}

/** The seq to follow a run from when the daemon can resume it (paused or interrupted); undefined when it cannot or does not know it. */
async function resumableSeq(client: DaemonClient, runId: string): Promise<number | undefined> {
  const { run } = await client.request('runs.get', { runId }).catch(() => ({ run: undefined }));
  return run && (run.state === 'paused' || run.state === 'interrupted') ? run.lastSeq : undefined;
}
