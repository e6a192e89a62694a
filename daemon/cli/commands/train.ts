/**
 * `ado train [config]`: train a GPT under a mixture policy in the foreground and write the run
 * directory the daemon would (run.json, config.json, events.jsonl, checkpoints/). Without a config
 * it trains ADO on the embedded default corpus.
 *
 * Exit codes: 0 completed · 1 user error (config, data, backend) · 2 usage · 3 the loss diverged ·
 * 130 interrupted (Ctrl-C; the run is checkpointed and resumable with --resume).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { absolutizeConfigPaths } from '../../../shared/client/config-paths';
import { formatDiagnostic, validateConfig, validateConfigValue, type BackendName, type ConfigDiagnostic, type ResolvedRunConfig } from '../../../shared/config';
import type { MetaEvent, RunEventBody, StepEvent } from '../../../shared/run-events';
import { defaultConfigFile } from '../../report/package-files';
import { createRunDir } from '../../runs/create-run-dir';
import { defaultDataDir, paths } from '../../runs/layout';
import { resolveRunDir } from '../../runs/resolve-run-dir';
import { Run } from '../../service/run';
import { REPLICA_COMMAND } from '../../train/replica-client';
import type { TrainingOutcome } from '../../train/run-training';
import { UserError } from '../../util/user-error';
import { EXIT_USAGE, exitWithUsageCode } from '../errors';
import { silentProgress, trainProgress } from '../progress';
import { readTextFile } from '../read-input';
import { formatSummary, summaryJson } from '../summary';

interface TrainOptions {
  dataDir?: string;
  backend?: BackendName;
  steps?: number;
  resume?: string;
  json?: boolean;
  quiet?: boolean;
}

const EXIT_DIVERGED = 3;
const EXIT_INTERRUPTED = 130;

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train a small GPT on a mixture of domains while a policy (ADO by default) chooses the mixture')
    .argument('[config]', 'run config file (default: ADO on the embedded default corpus)')
    .option('--data-dir <dir>', 'where runs and the token cache live (default: $ADO_DATA_DIR or ~/.ado)')
    .addOption(new Option('--backend <name>', 'tfjs backend; overrides training.backend').choices(['auto', 'tensorflow', 'wasm', 'cpu']))
    .option('--steps <n>', 'train this many steps instead of training.steps', stepCount)
    .option('--resume <run>', 'continue an interrupted run (its directory, or its id in the data dir) from its last checkpoint')
    .option('--json', 'print one JSON summary on stdout instead of the progress bar and table')
    .option('--quiet', 'no progress bar')
    .exitOverride(exitWithUsageCode)
    .action(train);
  // Runs a data-parallel training replica inside a worker thread (see train/replica-client.ts).
  program.command(REPLICA_COMMAND, { hidden: true }).action(async () => (await import('../../train/replica')).serveReplica());
}

async function train(configArg: string | undefined, options: TrainOptions, command: Command): Promise<void> {
  if (options.resume && (configArg !== undefined || options.steps !== undefined)) {
    command.error('error: --resume continues a run with its own config; give neither a config nor --steps with it', { exitCode: EXIT_USAGE });
  }
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  const { config, runDir, resume } = options.resume ? existingRun(options.resume, dataDir) : newRun(configArg, options.steps, dataDir);
  const run = Run.open(runDir);
  const progress = options.json || options.quiet ? silentProgress(process.stderr) : trainProgress(process.stderr);
  if (!options.json) process.stderr.write(`${resume ? 'resuming' : 'training'} run ${run.id} in ${runDir}\n`);
  const seen = new SeenEvents();
  const interrupt = new AbortController();
  // Once: a second Ctrl-C then meets no listener and the default action ends the process at once,
  // even while a long synchronous computation (an ADO refit) holds the event loop.
  const onInterrupt = () => {
    progress.note('stopping after the current step and writing a checkpoint (Ctrl-C again to quit at once)');
    interrupt.abort();
  };
  process.once('SIGINT', onInterrupt);
  // As in the daemon, a new run's log tells its whole story from the first line.
  if (!resume) run.setState('created');
  run.setState('running');
  // Imported on use: it brings tfjs, which `ado daemon` (this same bundle) must not load.
  const { runTraining } = await import('../../train/run-training');
  let outcome: TrainingOutcome;
  try {
    outcome = await runTraining({
      config,
      configDir: runDir,
      runDir,
      dataDir,
      resume,
      backend: options.backend,
      signal: interrupt.signal,
      onPrepareProgress: (p) => progress.preparing(p),
      sink: {
        emit(event: RunEventBody) {
          // run.json and the log's state events come from here, as in the daemon.
          if (event.type === 'state') return;
          run.append(event);
          seen.record(event);
          progress.event(event);
        },
      },
    });
  } catch (error) {
    run.setState('failed', error instanceof Error ? error.message : String(error));
    run.close();
    throw error;
  } finally {
    progress.stop();
    process.off('SIGINT', onInterrupt);
  }
  finish(outcome, run, options, dataDir, seen);
  run.close();
}

function finish(outcome: TrainingOutcome, run: Run, options: TrainOptions, dataDir: string, seen: SeenEvents): void {
  const resumeCommand = `ado train --resume ${run.id}${options.dataDir ? ` --data-dir ${dataDir}` : ''}`;
  const json = (extra: object) => process.stdout.write(JSON.stringify({ runId: run.id, runDir: run.dir, ...extra }, null, 2) + '\n');
  switch (outcome.reason) {
    case 'completed': {
      run.setState('completed');
      const summary = { runId: run.id, runDir: run.dir, meta: seen.meta!, summary: outcome.summary, epochs: seen.lastStep?.epochs };
      if (options.json) process.stdout.write(JSON.stringify(summaryJson(summary), null, 2) + '\n');
      else process.stdout.write(formatSummary(summary));
      return;
    }
    case 'aborted': {
      const message = `interrupted after ${outcome.stepsCompleted} steps; a checkpoint was written`;
      run.setState('paused', message);
      if (options.json) json({ status: 'interrupted', steps: outcome.stepsCompleted, resume: resumeCommand });
      process.stderr.write(`ado: ${message}. Resume with: ${resumeCommand}\n`);
      process.exitCode = EXIT_INTERRUPTED;
      return;
    }
    case 'diverged':
      run.setState('failed', outcome.message);
      if (options.json) json({ status: 'diverged', steps: outcome.stepsCompleted, message: outcome.message });
      process.stderr.write(`ado: ${outcome.message}\n`);
      process.exitCode = EXIT_DIVERGED;
  }
}

function newRun(configArg: string | undefined, steps: number | undefined, dataDir: string) {
  const file = resolve(configArg ?? defaultConfigFile());
  const { config, diagnostics } = validateConfig(readTextFile(file, 'config'));
  printDiagnostics(file, diagnostics);
  if (!config) throw new UserError(`${file} has ${countErrors(diagnostics)}; fix ${countErrors(diagnostics) === '1 error' ? 'it' : 'them'} and train again`);
  // Absolute data paths make the run directory self-contained: a resume works from any folder.
  const resolved = absolutizeConfigPaths(config, dirname(file)) as ResolvedRunConfig;
  if (steps !== undefined) resolved.training.steps = steps;
  const { runDir } = createRunDir({ dataDir, name: resolved.name, kind: 'train', policy: resolved.mixture.policy, config: resolved });
  return { config: resolved, runDir, resume: false };
}

function existingRun(runArg: string, dataDir: string) {
  const runDir = resolveRunDir(runArg, dataDir);
  if (!runDir) throw new UserError(`no run "${runArg}": give a run directory or the id of a run under ${paths.runs(dataDir)}`);
  const run = Run.open(runDir);
  const { kind, state } = run.record;
  run.close();
  if (kind !== 'train') throw new UserError(`run ${run.id} is an external run; only trained runs can be resumed here`);
  if (state === 'completed' || state === 'stopped') throw new UserError(`run ${run.id} is ${state}; there is nothing to resume`);
  const { config, diagnostics } = validateConfigValue(JSON.parse(readFileSync(paths.runConfig(runDir), 'utf8')));
  if (!config) throw new UserError(`${paths.runConfig(runDir)} is not a valid run config: ${diagnostics.map((d) => d.message).join('; ')}`);
  return { config, runDir, resume: true };
}

function printDiagnostics(file: string, diagnostics: ConfigDiagnostic[]): void {
  for (const d of diagnostics) process.stderr.write(formatDiagnostic(file, d) + '\n');
}

function countErrors(diagnostics: ConfigDiagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return `${errors} error${errors === 1 ? '' : 's'}`;
}

function stepCount(text: string): number {
  const steps = Number(text);
  if (!Number.isInteger(steps) || steps < 1) throw new InvalidArgumentError('expected a whole number of steps ≥ 1');
  return steps;
}

/** The events the end of the command needs: what the run trained on, and its last step. */
class SeenEvents {
  meta: MetaEvent | undefined;
  lastStep: StepEvent | undefined;

  record(event: RunEventBody): void {
    if (event.type === 'meta') this.meta = event;
    else if (event.type === 'step') this.lastStep = event;
  }
}
