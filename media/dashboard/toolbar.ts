/** The view controls shared by every chart: x axis, smoothing, log scale, and which runs are shown. */
import type { RunSummary } from '../../shared/protocol';
import type { RunData } from '../charts/run-data';
import { X_AXIS_KINDS, xAxisTitle, type XAxisKind } from '../charts/x-axis';
import { element, select } from '../shared/dom';
import { RenderKey } from '../shared/render-key';
import type { DashboardViewState } from '../shared/dashboard-messages';

export interface ToolbarActions {
  changeView: (change: Partial<DashboardViewState>) => void;
  attach: (runId: string) => void;
  listRuns: () => void;
}

/** The slider's top: TensorBoard's also stops short of 1, where the EMA would never move. */
const MAX_SMOOTHING = 0.99;

export class Toolbar {
  readonly root: HTMLElement;
  private readonly smoothingValue = element('output', { className: 'smoothing-value' });
  private readonly smoothing: HTMLInputElement;
  private readonly logY: HTMLInputElement;
  private readonly xAxis: HTMLSelectElement;
  private readonly focus = element('span', { className: 'focus-picker' });
  private readonly overlay = element('span', { className: 'overlay-picker' });
  /** Rebuilding a select while it is open would close it under the user's pointer. */
  private readonly keys = { view: new RenderKey(), runs: new RenderKey(), available: new RenderKey() };

  constructor(view: DashboardViewState, private readonly actions: ToolbarActions) {
    this.xAxis = select(
      X_AXIS_KINDS.map((kind) => ({ value: kind, label: xAxisTitle(kind) })),
      view.xAxis,
      (xAxis: XAxisKind) => actions.changeView({ xAxis }),
      'Horizontal axis',
    );
    this.smoothing = element('input', {
      title: 'Smoothing (debiased EMA, as in TensorBoard)',
      attributes: { type: 'range', min: '0', max: String(MAX_SMOOTHING), step: '0.01', 'aria-label': 'Smoothing' },
    });
    this.smoothing.addEventListener('input', () => {
      this.smoothingValue.textContent = Number(this.smoothing.value).toFixed(2);
      actions.changeView({ smoothing: Number(this.smoothing.value) });
    });
    this.logY = element('input', { attributes: { type: 'checkbox', 'aria-label': 'Logarithmic loss axis' } });
    this.logY.addEventListener('change', () => actions.changeView({ logY: this.logY.checked }));
    this.root = element('div', { className: 'toolbar' }, [
      element('label', {}, ['X axis ', this.xAxis]),
      element('label', { title: 'Smoothing (debiased EMA, as in TensorBoard)' }, ['Smoothing ', this.smoothing, this.smoothingValue]),
      element('label', {}, [this.logY, ' Log scale']),
      this.focus,
      this.overlay,
    ]);
    this.showView(view);
  }

  showView(view: DashboardViewState): void {
    if (!this.keys.view.changed(`${view.xAxis}|${view.smoothing}|${view.logY}`)) return;
    this.xAxis.value = view.xAxis;
    this.smoothing.value = String(view.smoothing);
    this.smoothingValue.textContent = view.smoothing.toFixed(2);
    this.logY.checked = view.logY;
  }

  /** The focus picker appears only when several runs are overlaid. */
  showRuns(runs: readonly RunData[], focusRunId: string | null): void {
    if (!this.keys.runs.changed(`${runs.map((run) => `${run.runId}:${run.name}`).join('\n')}|${focusRunId}`)) return;
    this.focus.replaceChildren(
      runs.length > 1
        ? element('label', {}, [
            'Mixture and laws of ',
            select(runs.map((run) => ({ value: run.runId, label: run.name })), focusRunId ?? runs[0].runId, (id) => this.actions.changeView({ focusRunId: id }), 'Run shown in the mixture and law charts'),
          ])
        : '',
    );
  }

  /** Runs the daemon knows that are not attached yet; asks the host for the list when opened. */
  showAvailable(available: readonly RunSummary[], attached: readonly RunData[]): void {
    const candidates = available.filter((run) => !attached.some((a) => a.runId === run.id));
    if (!this.keys.available.changed(candidates.map((run) => `${run.id}:${run.name}:${run.state}`).join('\n'))) return;
    const picker = select(
      [{ value: '', label: 'Overlay run…' }, ...candidates.map((run) => ({ value: run.id, label: `${run.name} (${run.policy}, ${run.state})` }))],
      '',
      (runId) => runId && this.actions.attach(runId),
      'Overlay another run',
    );
    picker.addEventListener('focus', () => this.actions.listRuns(), { once: true });
    this.overlay.replaceChildren(picker);
  }
}
