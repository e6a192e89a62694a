/**
 * ADO's scaling-law fits: per domain, the smoothed losses the newest refit saw, its fitted curve
 * and the curves of earlier refits behind it, with the newest parameters in a table and every
 * refit's parameters on request. Other policies fit nothing, which one card says.
 */
import { lawEmptyMessage } from '../charts/empty-states';
import { formatCount, formatLoss, formatPercent } from '../charts/format';
import { lawChartOptions, lawDatasets, type LawChartDetail } from '../charts/law-chart';
import { latestLawParameters, lawsCsv } from '../charts/law-parameters';
import type { RunData } from '../charts/run-data';
import { fitN } from '../charts/scaling-law';
import { ChartCard } from '../dashboard/chart-card';
import { element } from '../shared/dom';
import { DOWNLOADS } from './card-exports';
import { REPORT_THEME } from './report-theme';
import { table } from './table';

/** A static page cannot step through refits, so it draws many of them at once. */
const REPORT_LAW_CHART: LawChartDetail = { earlierRefits: 20, pointRadius: 2 };

export class LawCharts {
  readonly root: HTMLElement;
  readonly cards: ChartCard<'scatter'>[];

  constructor(private readonly run: RunData) {
    const empty = lawEmptyMessage(run);
    const csv = () => lawsCsv(run);
    if (empty !== null) {
      const card = new ChartCard('scatter', { title: 'Scaling laws', fileName: 'scaling-laws' }, DOWNLOADS);
      card.setEmpty(empty);
      this.cards = [card];
      this.root = element('div', { className: 'row' }, [card.root]);
      return;
    }
    this.cards = run.domains.map((domain) => new ChartCard('scatter', { title: domain, fileName: `scaling-law-${domain}`, className: 'law-card', csv }, DOWNLOADS));
    this.root = element('div', {}, [
      element('div', { className: 'law-grid', attributes: { 'data-png': 'scaling-laws' } }, this.cards.map((card) => card.root)),
      latestParameters(run),
      refitHistory(run),
    ]);
  }

  draw(hidden: ReadonlySet<string>): void {
    if (this.run.fits.length === 0) return;
    this.run.domains.forEach((domain, k) => {
      const card = this.cards[k];
      card.root.hidden = hidden.has(domain);
      card.draw(lawDatasets(this.run, k, REPORT_THEME, REPORT_LAW_CHART), lawChartOptions(REPORT_THEME, true));
    });
  }
}

function latestParameters(run: RunData): HTMLElement {
  const header = ['domain', 'ε', 'β', 'α', 'L̂(n)', 'ρ (preference)', 'objective'];
  const rows = run.domains.map((domain, k) => {
    const law = latestLawParameters(run, k);
    return law
      ? [domain, formatLoss(law.epsilon), formatLoss(law.beta), law.alpha.toFixed(3), formatLoss(law.predicted), formatPercent(law.preference), law.objective.toExponential(2)]
      : [domain, '–', '–', '–', '–', '–', '–'];
  });
  const newest = run.fits[run.fits.length - 1];
  return element('div', {}, [
    element('p', { className: 'caption', text: `L(n) = ε + β·n^(−α), n in 1024-token samples. Newest refit: step ${formatCount(newest.step)} (refit ${run.fits.length}), ${newest.nByDomain ? 'each domain at its own n (samples it received)' : `n = ${formatCount(newest.n)}`}.` }),
    table(header, rows),
  ]);
}

function refitHistory(run: RunData): HTMLElement {
  const header = ['step', 'n', 'domain', 'ε', 'β', 'α', 'L̂(n)', 'ρ'];
  const rows = run.fits.flatMap((fit) =>
    run.domains.map((domain, k) => {
      const law = fit.laws[k];
      return [formatCount(fit.step), formatCount(fitN(fit, k)), domain, formatLoss(Math.exp(law.logEps)), formatLoss(Math.exp(law.logBeta)), law.alpha.toFixed(3), formatLoss(fit.predicted[k]), formatPercent(fit.preference[k])];
    }),
  );
  return element('details', { className: 'refits' }, [element('summary', { text: `Every refit's parameters (${run.fits.length} refits)` }), table(header, rows)]);
}
