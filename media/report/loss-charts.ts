/** Training loss per domain (smoothed as in the dashboard) and validation loss per domain with the uniform and token-weighted averages. */
import { curveChartOptions } from '../charts/curve-chart';
import { curveCsv, curveDatasets, curveSeries, type CurveMetric } from '../charts/curve-series';
import { curveEmptyMessage } from '../charts/empty-states';
import type { RunData } from '../charts/run-data';
import { ChartCard } from '../dashboard/chart-card';
import { element } from '../shared/dom';
import { DOWNLOADS } from './card-exports';
import { REPORT_THEME } from './report-theme';

/** The dashboard's default: enough to read a trend through batch noise without hiding spikes. */
const TRAINING_SMOOTHING = 0.6;

const CHARTS: { metric: CurveMetric; title: string; fileName: string; smoothing: number }[] = [
  { metric: 'training', title: `Training loss (EMA ${TRAINING_SMOOTHING})`, fileName: 'training-loss', smoothing: TRAINING_SMOOTHING },
  // Evaluations use fixed held-out batches, so they need no smoothing.
  { metric: 'validation', title: 'Validation loss (held-out)', fileName: 'validation-loss', smoothing: 0 },
];

export class LossCharts {
  readonly root: HTMLElement;
  readonly cards: ChartCard<'line'>[];

  constructor(private readonly run: RunData) {
    this.cards = CHARTS.map(({ metric, title, fileName }) =>
      new ChartCard('line', { title, fileName, zoomable: true, csv: () => curveCsv(curveSeries([run], metric)) }, DOWNLOADS),
    );
    this.root = element('div', { className: 'row', attributes: { 'data-png': 'loss-curves' } }, this.cards.map((card) => card.root));
  }

  draw(hidden: ReadonlySet<string>): void {
    CHARTS.forEach(({ metric, smoothing }, i) => {
      const view = { xAxis: 'step' as const, smoothing, logY: false, hidden };
      this.cards[i].setEmpty(curveEmptyMessage([this.run], metric));
      this.cards[i].draw(curveDatasets(curveSeries([this.run], metric), view, REPORT_THEME), curveChartOptions(REPORT_THEME, view, 'Loss (nats/token)'));
    });
  }
}
