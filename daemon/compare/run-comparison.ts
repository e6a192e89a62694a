/**
 * Trains every planned run that has no finished result yet, through a launcher (this process or a
 * daemon), and keeps results.json current as each run starts and ends. A run an earlier invocation
 * cut short is continued from its last checkpoint rather than trained again. A failed run stops new
 * runs from starting: the same config would most likely fail the same way for every variant.
 */
import type { RunEventBody } from '../../shared/run-events';
import { summarise, winners } from './aggregate';
import type { PlannedRun } from './plan';
import { writeResults, type CompareResults, type CompareRunResult, type CompareStatus } from './results-file';
import { RunOutcome, type RunIdentity, type RunRef } from './run-outcome';

export interface RunLauncher {
  /** How many runs may train at once (a daemon queues them by its own concurrency). */
  readonly concurrency: number;
  /**
   * Trains one run to its end: completed, failed, or checkpointed and resumable when `signal`
   * aborts. Given `earlier` (the attempt an earlier invocation cut short), continues that run from
   * its last checkpoint if the launcher still finds it, else trains a new one.
   */
  train(run: PlannedRun, earlier: RunRef | undefined, hooks: LaunchHooks, signal: AbortSignal): Promise<RunIdentity>;
}

export interface LaunchHooks {
  /** The run exists, before it trains: results.json names it, so --resume finds it even after a crash. */
  started(run: RunRef): void;
  event(event: RunEventBody): void;
}

export interface CompareProgress {
  runStarted(index: number, run: PlannedRun): void;
  runEvent(index: number, event: RunEventBody): void;
  runFinished(index: number, result: CompareRunResult): void;
}

export interface Comparison {
  compareDir: string;
  /** Already holds the runs a resumed comparison reuses. */
  results: CompareResults;
  plan: PlannedRun[];
}

export function isFinished(result: CompareRunResult | undefined): boolean {
  return result?.state === 'completed' && result.metrics !== null;
}

export function findResult(results: CompareResults, run: PlannedRun): CompareRunResult | undefined {
  return results.runs.find((r) => r.variant === run.variant.label && r.seed === run.seed);
}

/** The run to continue instead of training anew: one cut short, not one that failed (it would fail again). */
export function unfinishedRun(result: CompareRunResult | undefined): RunRef | undefined {
  if (!result || isFinished(result) || result.state === 'failed' || !result.runId) return undefined;
  return { runId: result.runId, runDir: result.runDir };
}

export async function runComparison(comparison: Comparison, launcher: RunLauncher, progress: CompareProgress, signal: AbortSignal): Promise<CompareResults> {
  const { plan, compareDir } = comparison;
  let results: CompareResults = { ...comparison.results, status: 'running' };
  const pending = plan.map((run, index) => ({ run, index })).filter(({ run }) => !isFinished(findResult(results, run)));
  let failed = false;

  const record = (result: CompareRunResult, domains: string[]) => {
    const runs = [...results.runs.filter((r) => !(r.variant === result.variant && r.seed === result.seed)), result];
    results = withStatistics({ ...results, domains: results.domains.length > 0 ? results.domains : domains, runs: orderedLike(plan, runs) }, 'running');
    writeResults(compareDir, results);
  };

  const trainNext = async (): Promise<void> => {
    for (let next = pending.shift(); next && !signal.aborted && !failed; next = pending.shift()) {
      const { run, index } = next;
      progress.runStarted(index, run);
      const outcome = new RunOutcome();
      const hooks: LaunchHooks = {
        started: (ref) => record(outcome.result(run, { ...ref, state: 'running' }), outcome.domains),
        event: (event) => {
          outcome.observe(event);
          progress.runEvent(index, event);
        },
      };
      // Whatever kept a run from training (a lost daemon, an unreadable corpus) is that run's
      // failure, so results.json never stays "running".
      const identity = await launcher.train(run, unfinishedRun(findResult(results, run)), hooks, signal).catch((error: unknown): RunIdentity => ({ runId: '', runDir: null, state: 'failed', message: errorMessage(error) }));
      const result = outcome.result(run, identity);
      record(result, outcome.domains);
      progress.runFinished(index, result);
      if (result.state === 'failed') failed = true;
    }
  };

  writeResults(compareDir, results);
  await Promise.all(Array.from({ length: Math.max(1, Math.min(launcher.concurrency, pending.length)) }, trainNext));
  const status: CompareStatus = failed ? 'failed' : plan.every((run) => isFinished(findResult(results, run))) ? 'complete' : 'interrupted';
  results = withStatistics(results, status);
  writeResults(compareDir, results);
  return results;
}

/** Mean ± std and winners over the runs that finished; variants without any are left out. */
export function withStatistics(results: CompareResults, status: CompareStatus): CompareResults {
  const measured = results.runs.flatMap((r) => (isFinished(r) && r.metrics ? [{ variant: r.variant, seed: r.seed, ...r.metrics }] : []));
  const variants = results.variants.filter((v) => measured.some((m) => m.variant === v));
  const summaries = summarise(measured, variants);
  return { ...results, status, summaries, winners: summaries.length > 0 ? winners(summaries) : null };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function orderedLike(plan: PlannedRun[], runs: CompareRunResult[]): CompareRunResult[] {
  const position = (r: CompareRunResult) => plan.findIndex((p) => p.variant.label === r.variant && p.seed === r.seed);
  return [...runs].sort((a, b) => position(a) - position(b));
}
