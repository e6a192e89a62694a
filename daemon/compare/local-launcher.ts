/**
 * Trains a comparison's runs one after another in this process, each in a normal run directory
 * under `<dataDir>/runs` (so `ado report` and the dashboard read them like any other run). As in
 * the daemon, the host owns run.json's state; the trainer's own state events are not logged twice.
 * A run cut short (Ctrl-C, or a crash) is left "interrupted" at its last checkpoint, where
 * `ado compare --resume` continues it in the same run directory.
 */
import { existsSync } from 'node:fs';
import type { RunEventBody, RunState } from '../../shared/run-events';
import { createRunDir } from '../runs/create-run-dir';
import { Run } from '../service/run';
import type { TrainingOutcome } from '../train/run-training';
import type { PlannedRun } from './plan';
import type { LaunchHooks, RunLauncher } from './run-comparison';
import type { RunIdentity, RunRef } from './run-outcome';

export function localLauncher(dataDir: string): RunLauncher {
  return {
    concurrency: 1,
    async train(planned: PlannedRun, earlier: RunRef | undefined, hooks: LaunchHooks, signal: AbortSignal): Promise<RunIdentity> {
      const { config } = planned;
      const continued = earlier?.runDir && existsSync(earlier.runDir) ? earlier.runDir : null;
      const runDir = continued ?? createRunDir({ dataDir, name: config.name, kind: 'train', policy: planned.variant.label, config }).runDir;
      // The session starts a run cut short before its first checkpoint over, in the same directory.
      const resume = continued !== null;
      const run = Run.open(runDir);
      hooks.started({ runId: run.id, runDir });
      run.setState('running', resume ? 'ado compare --resume: continuing from the last checkpoint' : undefined);
      const sink = {
        emit(event: RunEventBody) {
          if (event.type !== 'state') run.append(event);
          hooks.event(event);
        },
      };
      // Imported on use: it brings tfjs, which `ado daemon` (the same bundle as `ado compare`) must not load.
      const { runTraining } = await import('../train/run-training');
      let ending: { state: RunState; message?: string };
      try {
        // Paths in a comparison's configs are absolute, so the config folder does not matter.
        ending = endingOf(await runTraining({ config, configDir: process.cwd(), runDir, dataDir, sink, signal, resume }));
      } catch (error) {
        ending = { state: 'failed', message: error instanceof Error ? error.message : String(error) };
      }
      run.setState(ending.state, ending.message);
      run.close();
      return { runId: run.id, runDir, ...ending };
    },
  };
}

function endingOf(outcome: TrainingOutcome): { state: RunState; message?: string } {
  switch (outcome.reason) {
    case 'completed':
      return { state: 'completed' };
    case 'aborted':
      return { state: 'interrupted', message: 'ado compare was interrupted; --resume continues this run from its last checkpoint' };
    case 'diverged':
      return { state: 'failed', message: outcome.message };
  }
}
