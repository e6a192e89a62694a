/**
 * What a chart says instead of drawing nothing: a blank chart makes users guess whether the run is
 * queued, failed, or the dashboard is broken. Null means there is something to draw.
 */
import { FINAL_STATES } from '../../shared/run-events';
import type { CurveMetric } from './curve-series';
import type { RunData } from './run-data';

export function runEmptyMessage(run: RunData): string | null {
  const reason = run.stateMessage ? `: ${run.stateMessage}` : '.';
  if (!run.meta) {
    if (run.state === 'failed') return `The run failed before it started${reason}`;
    if (run.state === 'created' || run.state === 'queued') return `The run is ${run.state}; charts appear when it starts.`;
    if (run.state === 'stopped') return 'The run was stopped before it started.';
    return 'Waiting for the run\'s first events…';
  }
  if (!run.steps || run.steps.rows === 0) {
    if (run.state === 'failed') return `The run failed before its first step${reason}`;
    if (run.state === 'interrupted') return 'The run was interrupted before its first step. Resume it to continue.';
    return 'No training steps yet.';
  }
  return null;
}

export function curveEmptyMessage(runs: readonly RunData[], metric: CurveMetric): string | null {
  if (runs.length === 0) return 'No run attached.';
  const messages = runs.map((run) => runEmptyMessage(run) ?? (metric === 'validation' ? validationEmptyMessage(run) : null));
  return messages.some((message) => message === null) ? null : messages[0];
}

function validationEmptyMessage(run: RunData): string | null {
  if (run.evals && run.evals.rows > 0) return null;
  if (run.meta?.kind === 'external') return 'External runs report training losses only; the trainer runs its own validation.';
  return ended(run) ? 'The run ended before its first evaluation.' : 'No validation loss yet: the first evaluation runs after training.evalInterval steps.';
}

export function lawEmptyMessage(run: RunData | null): string | null {
  if (!run) return 'No run attached.';
  const policy = run.meta?.policy;
  if (policy && policy !== 'ado') return `The "${policy}" policy fits no scaling laws; only ADO does.`;
  if (run.fits.length > 0) return null;
  const base = runEmptyMessage(run);
  if (base) return base;
  return ended(run)
    ? 'The run ended before ADO\'s first refit.'
    : 'No refit yet: ADO samples from the prior until mixture.ado.startStep, then fits every updateInterval steps.';
}

function ended(run: RunData): boolean {
  return run.state !== null && (FINAL_STATES.includes(run.state) || run.state === 'interrupted');
}
