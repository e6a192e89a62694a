/**
 * One line per attached run: its state, progress and latest losses, and what to do when it is not
 * running (failed: why; interrupted or paused: resume). Daemon errors relayed by the host show here too.
 */
import { EvalColumns, StepColumns, type RunData } from '../charts/run-data';
import { formatCount, formatLoss } from '../charts/format';
import { button, element } from '../shared/dom';
import { RenderKey } from '../shared/render-key';
import { runsRevision } from './dashboard-context';

const STATE_NOTES: Partial<Record<string, string>> = {
  created: 'Created, not queued yet.',
  queued: 'Queued: waiting for a training slot.',
  paused: 'Paused at a checkpoint.',
  stopped: 'Stopped on request.',
  interrupted: 'Interrupted: the daemon stopped mid-run. Resuming continues from the last checkpoint.',
  completed: 'Completed.',
};

export interface RunStatusActions {
  resume: (runId: string) => void;
  detach: (runId: string) => void;
}

export class RunStatus {
  readonly root = element('div', { className: 'run-status', attributes: { 'aria-live': 'polite' } });
  private readonly error = element('div', { className: 'banner error', attributes: { role: 'alert' } });
  private readonly list = element('div');
  private readonly key = new RenderKey();

  constructor(private readonly actions: RunStatusActions) {
    this.error.hidden = true;
    this.root.append(this.error, this.list);
  }

  showError(message: string | null): void {
    this.error.textContent = message ?? '';
    this.error.hidden = message === null;
  }

  render(runs: readonly RunData[]): void {
    if (!this.key.changed(runsRevision(runs))) return;
    this.list.replaceChildren(...runs.map((run, index) => this.runLine(run, index > 0)));
  }

  private runLine(run: RunData, removable: boolean): HTMLElement {
    const state = run.state ?? 'unknown';
    const steps = run.steps;
    // Step indices count from 0, so the steps done are one more than the newest index.
    const done = run.latestStep !== null ? run.latestStep + 1 : run.summary?.step;
    const total = run.meta?.totalSteps ?? run.summary?.totalSteps;
    const facts = [
      run.meta?.policy && `policy ${run.meta.policy}`,
      done !== undefined && `${formatCount(done)}${total ? ` / ${formatCount(total)}` : ''} steps`,
      steps && steps.rows > 0 && `train ${formatLoss(steps.last(StepColumns.loss))}`,
      run.evals && run.evals.rows > 0 && `val (uniform) ${formatLoss(run.evals.last(EvalColumns.uniform))}`,
    ].filter((fact): fact is string => typeof fact === 'string');
    const note = state === 'failed' ? `Failed${run.stateMessage ? `: ${run.stateMessage}` : '.'}` : (run.stateMessage ?? STATE_NOTES[state]);
    return element('div', { className: `run-line state-${state}`, attributes: { 'data-run-id': run.runId } }, [
      element('span', { className: 'run-name', text: run.name }),
      element('span', { className: 'state-badge', text: state }),
      element('span', { className: 'run-facts', text: facts.join(' · ') }),
      note ? element('span', { className: 'run-note', text: note }) : null,
      (state === 'interrupted' || state === 'paused') && button('Resume', () => this.actions.resume(run.runId), { title: 'Continue from the last checkpoint' }),
      removable && button('Remove', () => this.actions.detach(run.runId), { title: 'Remove this run from the overlay' }),
    ]);
  }
}
