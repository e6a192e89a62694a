/**
 * The focused run's sampling weights over time (heatmap, or stacked areas on request) and its
 * prior beside the current weights.
 */
import { viridisGradientStops } from '../charts/color-scale';
import { runEmptyMessage } from '../charts/empty-states';
import { formatPercent } from '../charts/format';
import { priorBarDatasets, priorBarOptions } from '../charts/prior-bars';
import type { RunData } from '../charts/run-data';
import { weightAreaDatasets, weightAreaOptions } from '../charts/weight-area';
import { heatmapDataset, heatmapOptions, weightHeatmap } from '../charts/weight-heatmap';
import { weightsCsv } from '../charts/weights-csv';
import { button, element } from '../shared/dom';
import type { DashboardViewState } from '../shared/dashboard-messages';
import { RenderKey } from '../shared/render-key';
import { ChartCard, type CardExports, type ChartDescription } from './chart-card';
import { runsRevision, type DashboardContext } from './dashboard-context';

export class MixtureSection {
  readonly root: HTMLElement;
  private focus: RunData | null = null;
  private readonly heatmap: ChartCard<'heatmap'>;
  private readonly area: ChartCard<'line'>;
  private readonly prior: ChartCard<'bar'>;
  private readonly colorBar = element('div', { className: 'color-bar' });
  private readonly colorBarMax = element('span');
  private readonly toggles: Record<DashboardViewState['mixture'], HTMLButtonElement>;
  private readonly keys = {
    heatmap: new RenderKey(),
    heatmapOptions: new RenderKey(),
    area: new RenderKey(),
    areaOptions: new RenderKey(),
    prior: new RenderKey(),
    priorOptions: new RenderKey(),
  };

  constructor(exports: CardExports, onMixtureView: (view: DashboardViewState['mixture']) => void) {
    const csv = () => (this.focus ? weightsCsv(this.focus) : '');
    this.heatmap = new ChartCard('heatmap', { title: 'Mixture', fileName: 'mixture-heatmap', className: 'mixture-heatmap', csv }, exports);
    this.area = new ChartCard('line', { title: 'Mixture', fileName: 'mixture-area', className: 'mixture-area', zoomable: true, csv }, exports);
    this.prior = new ChartCard('bar', { title: 'Prior and current weights', fileName: 'prior-vs-current', className: 'prior-bars' }, exports);
    this.colorBar.style.setProperty('--gradient', `linear-gradient(to right, ${viridisGradientStops()})`);
    this.heatmap.root.append(element('div', { className: 'color-scale' }, [element('span', { text: '0%' }), this.colorBar, this.colorBarMax]));
    this.toggles = {
      heatmap: button('Heatmap', () => onMixtureView('heatmap'), { attributes: { 'aria-pressed': 'true' } }),
      area: button('Stacked area', () => onMixtureView('area'), { attributes: { 'aria-pressed': 'false' } }),
    };
    const toggle = element('div', { className: 'segmented', attributes: { role: 'group', 'aria-label': 'Mixture view' } }, Object.values(this.toggles));
    this.root = element('div', { className: 'row mixture' }, [element('div', { className: 'mixture-main' }, [toggle, this.heatmap.root, this.area.root]), this.prior.root]);
  }

  describe(): ChartDescription[] {
    return [this.heatmap, this.area, this.prior].filter((card) => !card.root.hidden).map((card) => card.describe());
  }

  render(context: DashboardContext): void {
    const run = context.focus;
    this.focus = run;
    const { view, theme, themeVersion } = context;
    const showHeatmap = view.mixture === 'heatmap';
    this.heatmap.root.hidden = !showHeatmap;
    this.area.root.hidden = showHeatmap;
    this.toggles.heatmap.setAttribute('aria-pressed', String(showHeatmap));
    this.toggles.area.setAttribute('aria-pressed', String(!showHeatmap));
    const empty = run ? runEmptyMessage(run) : 'No run attached.';
    const dataKey = `${run ? runsRevision([run], 'stepRows') : ''}|${themeVersion}`;

    if (showHeatmap && this.keys.heatmap.changed(`${dataKey}|${view.xAxis}`)) {
      this.heatmap.setEmpty(empty);
      const heatmap = run ? weightHeatmap(run, view.xAxis) : { cells: [], columns: 0, maxWeight: 0 };
      this.colorBarMax.textContent = formatPercent(heatmap.maxWeight);
      const optionsChanged = this.keys.heatmapOptions.changed(`${themeVersion}|${view.xAxis}|${run?.domains.join('\n')}`);
      this.heatmap.draw([heatmapDataset(heatmap)], optionsChanged ? heatmapOptions(theme, run?.domains ?? [], view.xAxis) : undefined);
    }
    if (!showHeatmap) {
      // Options only when they change: replacing them would undo the user's zoom on every event.
      const optionsChanged = this.keys.areaOptions.changed(`${themeVersion}|${view.xAxis}`);
      if (this.keys.area.changed(`${dataKey}|${view.xAxis}|${view.hidden.join('\n')}`) || optionsChanged) {
        this.area.setEmpty(empty);
        this.area.draw(run ? weightAreaDatasets(run, view.xAxis, context.curveView.hidden, theme) : [], optionsChanged ? weightAreaOptions(theme, view.xAxis) : undefined);
      }
    }
    // The newest weights change with every step, and two dozen bars are cheap to redraw.
    if (this.keys.prior.changed(`${run?.runId}:${run?.revision}|${themeVersion}`)) {
      this.prior.setEmpty(run?.meta ? null : empty);
      const optionsChanged = this.keys.priorOptions.changed(`${themeVersion}|${run?.runId}|${run?.domains.join('\n')}`);
      this.prior.draw(run ? priorBarDatasets(run, theme) : [], run && optionsChanged ? priorBarOptions(theme, run.domains, () => this.focus?.latestEpochs ?? null) : undefined);
    }
  }
}
