/**
 * What a comparison keeps of one run, gathered from its events as they stream by (from a trainer
 * in this process or from a daemon): the held-out validation losses of its final evaluation, how
 * far it got, and the mixture it ended with.
 */
import type { EvalEvent, RunEventBody, RunState, SummaryEvent } from '../../shared/run-events';
import type { PlannedRun } from './plan';
import type { CompareRunResult, ValidationMetrics } from './results-file';

/** Which run: its id, and its directory when this machine can read it. */
export interface RunRef {
  runId: string;
  runDir: string | null;
}

export interface RunIdentity extends RunRef {
  state: RunState;
  message?: string;
}

export class RunOutcome {
  domains: string[] = [];
  /** Steps trained so far (the newest step event's index + 1). */
  steps = 0;
  tokens = 0;
  elapsedMs = 0;
  private summary: SummaryEvent | null = null;
  private lastEval: EvalEvent | null = null;

  observe(event: RunEventBody): void {
    switch (event.type) {
      case 'meta':
        this.domains = event.domains;
        return;
      case 'step':
        this.steps = event.step + 1;
        this.tokens = event.tokens;
        this.elapsedMs = event.elapsedMs;
        return;
      case 'eval':
        this.lastEval = event;
        return;
      case 'summary':
        this.summary = event;
        return;
    }
  }

  /**
   * The summary's validation is the final evaluation; a trainer that ended without one (e.g. it
   * was stopped) leaves the last periodic evaluation, which belongs to an earlier step and so is
   * only used for a run that completed at exactly that step.
   */
  metrics(): ValidationMetrics | null {
    if (this.summary?.validation) return this.summary.validation;
    const last = this.lastEval;
    return last && last.step === this.steps - 1 ? { losses: last.losses, uniform: last.uniform, tokenWeighted: last.tokenWeighted } : null;
  }

  result(planned: PlannedRun, run: RunIdentity): CompareRunResult {
    const metrics = run.state === 'completed' ? this.metrics() : null;
    const missingValidation = run.state === 'completed' && !metrics;
    return {
      variant: planned.variant.label,
      seed: planned.seed,
      runId: run.runId,
      runDir: run.runDir,
      state: missingValidation ? 'failed' : run.state,
      ...(missingValidation
        ? { message: 'the run completed without a final validation loss (no evaluation ran at its last step)' }
        : run.message !== undefined && { message: run.message }),
      metrics,
      steps: this.steps,
      tokens: this.summary?.tokens ?? this.tokens,
      elapsedMs: this.summary?.elapsedMs ?? this.elapsedMs,
      finalWeights: this.summary?.finalWeights ?? null,
      averageWeights: this.summary?.averageWeights ?? null,
    };
  }
}
