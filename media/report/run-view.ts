/**
 * Everything the report shows about one run: the overview, a legend that shows and hides domains
 * in every chart at once (as in the dashboard), the loss curves, the mixture and the scaling laws.
 */
import type { RunData } from '../charts/run-data';
import type { ChartDescription } from '../dashboard/chart-card';
import { DomainLegend } from '../dashboard/domain-legend';
import { element } from '../shared/dom';
import { LawCharts } from './law-charts';
import { LossCharts } from './loss-charts';
import { MixtureCharts } from './mixture-charts';
import type { ReportRun } from './report-payload';
import { REPORT_THEME } from './report-theme';
import { runOverview } from './run-overview';

export class RunView {
  readonly root: HTMLElement;
  private hidden: string[] = [];
  private readonly legend = new DomainLegend((hidden) => this.draw(hidden));
  private readonly loss: LossCharts;
  private readonly mixture: MixtureCharts;
  private readonly laws: LawCharts;

  constructor(private readonly run: RunData, report: ReportRun) {
    this.loss = new LossCharts(run);
    this.mixture = new MixtureCharts(run);
    this.laws = new LawCharts(run);
    this.root = element('div', { className: 'run-view' }, [
      runOverview(run, report),
      element('div', { className: 'legend-bar' }, [this.legend.root]),
      element('h3', { text: 'Loss' }),
      this.loss.root,
      element('h3', { text: 'Mixture' }),
      this.mixture.root,
      element('h3', { text: 'Scaling laws' }),
      this.laws.root,
    ]);
  }

  /** Call once the view is in the document: charts size themselves to their boxes. */
  draw(hidden: string[] = this.hidden): void {
    this.hidden = hidden;
    const hiddenSet = new Set(hidden);
    this.legend.render([this.run], hidden, REPORT_THEME.dark, 0);
    this.loss.draw(hiddenSet);
    this.mixture.draw(hiddenSet);
    this.laws.draw(hiddenSet);
  }

  describe(): ChartDescription[] {
    return [...this.loss.cards, ...this.mixture.cards, ...this.laws.cards].filter((card) => !card.root.hidden).map((card) => card.describe());
  }
}
