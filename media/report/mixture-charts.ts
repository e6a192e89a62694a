/** The mixture over time, as a domain × step heatmap and as stacked areas, and the final weights against the prior. */
import { viridisGradientStops } from '../charts/color-scale';
import { runEmptyMessage } from '../charts/empty-states';
import { formatPercent } from '../charts/format';
import { priorBarDatasets, priorBarOptions } from '../charts/prior-bars';
import type { RunData } from '../charts/run-data';
import { weightAreaDatasets, weightAreaOptions } from '../charts/weight-area';
import { heatmapDataset, heatmapOptions, weightHeatmap } from '../charts/weight-heatmap';
import { weightsCsv } from '../charts/weights-csv';
import { ChartCard } from '../dashboard/chart-card';
import { element } from '../shared/dom';
import { DOWNLOADS } from './card-exports';
import { REPORT_THEME } from './report-theme';

export class MixtureCharts {
  readonly root: HTMLElement;
  readonly heatmap: ChartCard<'heatmap'>;
  readonly area: ChartCard<'line'>;
  readonly prior: ChartCard<'bar'>;
  private readonly maxWeightLabel = element('span');

  constructor(private readonly run: RunData) {
    const csv = () => weightsCsv(run);
    this.heatmap = new ChartCard('heatmap', { title: 'Mixture over time', fileName: 'mixture-heatmap', className: 'mixture-heatmap', csv }, DOWNLOADS);
    this.area = new ChartCard('line', { title: 'Mixture over time (stacked)', fileName: 'mixture-area', zoomable: true, csv }, DOWNLOADS);
    this.prior = new ChartCard('bar', { title: 'Final weights against the prior', fileName: 'prior-vs-final', className: 'prior-bars' }, DOWNLOADS);
    this.heatmap.root.setAttribute('data-png', 'mixture-heatmap');
    this.heatmap.body.after(colourScale(this.maxWeightLabel));
    this.heatmap.root.style.setProperty('--rows', String(run.domains.length));
    this.prior.root.style.setProperty('--rows', String(2 * run.domains.length));
    this.root = element('div', { className: 'row' }, [this.heatmap.root, this.area.root, this.prior.root]);
  }

  get cards() {
    return [this.heatmap, this.area, this.prior];
  }

  draw(hidden: ReadonlySet<string>): void {
    const run = this.run;
    const empty = runEmptyMessage(run);
    const heatmap = weightHeatmap(run, 'step');
    this.heatmap.setEmpty(empty);
    this.heatmap.draw([heatmapDataset(heatmap)], heatmapOptions(REPORT_THEME, run.domains, 'step'));
    this.maxWeightLabel.textContent = formatPercent(heatmap.maxWeight);
    this.area.setEmpty(empty);
    this.area.draw(weightAreaDatasets(run, 'step', hidden, REPORT_THEME), weightAreaOptions(REPORT_THEME, 'step'));
    this.prior.setEmpty(run.meta ? null : empty);
    this.prior.draw(priorBarDatasets(run, REPORT_THEME), priorBarOptions(REPORT_THEME, run.domains, () => run.latestEpochs));
  }
}

function colourScale(maxWeightLabel: HTMLElement): HTMLElement {
  const bar = element('div', { className: 'color-bar' });
  bar.style.background = `linear-gradient(to right, ${viridisGradientStops()})`;
  return element('div', { className: 'color-scale', title: 'Weight colour scale, from 0 to the largest weight shown' }, [element('span', { text: '0%' }), bar, maxWeightLabel]);
}
