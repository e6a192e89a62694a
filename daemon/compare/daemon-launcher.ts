/**
 * Trains a comparison's runs on a daemon (`ado compare --url`): every run is created at once and
 * the daemon's queue decides how many train in parallel. Each run is followed through its event
 * stream until it reaches a final state; Ctrl-C stops the runs still going.
 */
import { existsSync } from 'node:fs';
import type { DaemonClient, Disposable, RunSubscription } from '../../shared/client/daemon-client';
import { FINAL_STATES, type RunEventBody, type StateEvent } from '../../shared/run-events';
import { paths } from '../runs/layout';
import type { PlannedRun } from './plan';
import type { RunLauncher } from './run-comparison';
import type { RunIdentity } from './run-outcome';

export async function daemonLauncher(client: DaemonClient, plannedRuns: number): Promise<RunLauncher> {
  // A daemon on this machine keeps its runs where `ado report` can read them.
  const { dataDir } = await client.request('daemon.status', {});
  const localRunDir = (runId: string) => (existsSync(paths.run(dataDir, runId)) ? paths.run(dataDir, runId) : null);
  return {
    concurrency: plannedRuns,
    async train(planned: PlannedRun, onEvent: (event: RunEventBody) => void, signal: AbortSignal): Promise<RunIdentity> {
      signal.throwIfAborted();
      const { run } = await client.request('runs.create', { config: planned.config, start: true });
      let subscription: RunSubscription | undefined;
      let connection: Disposable | undefined;
      const ended = new Promise<StateEvent>((resolve, reject) => {
        // The client reconnects by itself; only a connection given up for good ends the wait.
        connection = client.onStateChange((state, error) => state === 'closed' && reject(error ?? new Error('the connection to the daemon was closed')));
        client.subscribe(run.id, (event) => {
          onEvent(event);
          if (event.type === 'state' && FINAL_STATES.includes(event.state)) resolve(event);
        }).then((s) => (subscription = s), reject);
      });
      const stop = () => void client.request('runs.stop', { runId: run.id }).catch(() => {});
      signal.addEventListener('abort', stop, { once: true });
      const { state, message } = await ended.finally(() => {
        signal.removeEventListener('abort', stop);
        subscription?.dispose();
        connection?.dispose();
      });
      return { runId: run.id, runDir: localRunDir(run.id), state, ...(message !== undefined && { message }) };
    },
  };
}
