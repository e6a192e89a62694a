/** Training and validation loss of every attached run, side by side. */
import { curveChartOptions } from '../charts/curve-chart';
import { curveCsv, curveDatasets, curveSeries, type CurveMetric } from '../charts/curve-series';
import { curveEmptyMessage } from '../charts/empty-states';
import type { RunData } from '../charts/run-data';
import { element } from '../shared/dom';
import { RenderKey } from '../shared/render-key';
import { ChartCard, type CardExports, type ChartDescription } from './chart-card';
import { runsRevision, type DashboardContext } from './dashboard-context';

const CHARTS: { metric: CurveMetric; title: string; fileName: string; yTitle: string }[] = [
  { metric: 'training', title: 'Training loss', fileName: 'training-loss', yTitle: 'Loss (nats/token)' },
  { metric: 'validation', title: 'Validation loss', fileName: 'validation-loss', yTitle: 'Loss (nats/token)' },
];

export class CurvesSection {
  readonly root: HTMLElement;
  private runs: readonly RunData[] = [];
  private readonly charts: { metric: CurveMetric; yTitle: string; card: ChartCard<'line'>; data: RenderKey; options: RenderKey }[];

  constructor(exports: CardExports) {
    this.charts = CHARTS.map(({ metric, title, fileName, yTitle }) => ({
      metric,
      yTitle,
      card: new ChartCard('line', { title, fileName, zoomable: true, csv: () => curveCsv(curveSeries(this.runs, metric)) }, exports),
      data: new RenderKey(),
      options: new RenderKey(),
    }));
    this.root = element('div', { className: 'row curves' }, this.charts.map((c) => c.card.root));
  }

  describe(): ChartDescription[] {
    return this.charts.map((chart) => chart.card.describe());
  }

  render(context: DashboardContext): void {
    this.runs = context.runs;
    const { xAxis, smoothing, logY, hidden } = context.view;
    for (const chart of this.charts) {
      // Every pass: the message depends on more than the data the chart draws (steps, state).
      chart.card.setEmpty(curveEmptyMessage(context.runs, chart.metric));
      const optionsChanged = chart.options.changed(`${context.themeVersion}|${xAxis}|${logY}`);
      const part = chart.metric === 'training' ? 'stepRows' : 'evals';
      if (!chart.data.changed(`${runsRevision(context.runs, part)}|${smoothing}|${hidden.join('\n')}`) && !optionsChanged) continue;
      chart.card.draw(
        curveDatasets(curveSeries(context.runs, chart.metric), context.curveView, context.theme),
        optionsChanged ? curveChartOptions(context.theme, context.view, chart.yTitle) : undefined,
      );
    }
  }
}
