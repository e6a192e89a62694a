/**
 * A comparison: the table of mean ± std per policy variant with the winner of each metric, how
 * clearly each aggregate winner leads given the seed spread, every run's own numbers, the
 * variants' curves overlaid, and each variant's average mixture against the domains' token shares.
 */
import { lead, type MeanStd, type VariantSummary } from '../../daemon/compare/aggregate';
import type { CompareResults } from '../../daemon/compare/results-file';
import { formatMeanStd } from '../../daemon/compare/table';
import { curveChartOptions } from '../charts/curve-chart';
import { AGGREGATE_KEYS, type CurveMetric } from '../charts/curve-series';
import { formatCount, formatDuration, formatLoss } from '../charts/format';
import { domainColor } from '../charts/palette';
import { ChartCard, type ChartDescription } from '../dashboard/chart-card';
import { element } from '../shared/dom';
import { DOWNLOADS } from './card-exports';
import { overlayDatasets, variantMixtureDatasets, variantMixtureOptions, type OverlayRun } from './compare-charts';
import { REPORT_THEME } from './report-theme';
import { table, type Cell } from './table';

const OVERLAYS: { metric: CurveMetric; key: string; smoothing: number; title: string; fileName: string }[] = [
  { metric: 'validation', key: AGGREGATE_KEYS.uniform, smoothing: 0, title: 'Validation loss, uniform average over domains', fileName: 'compare-validation' },
  { metric: 'training', key: AGGREGATE_KEYS.batch, smoothing: 0.6, title: 'Training loss, batch mean (EMA 0.6)', fileName: 'compare-training' },
];

export class ComparisonView {
  readonly root: HTMLElement;
  private readonly overlays: ChartCard<'line'>[];
  private readonly mixture: ChartCard<'bar'>;

  constructor(
    private readonly results: CompareResults,
    private readonly runs: readonly OverlayRun[],
    /** Training tokens per domain, the same for every run of the comparison. */
    private readonly trainTokens: readonly number[],
  ) {
    this.overlays = OVERLAYS.map(({ title, fileName }) => new ChartCard('line', { title, fileName, zoomable: true }, DOWNLOADS));
    this.mixture = new ChartCard('bar', { title: 'Average mixture per policy, against each domain\'s share of the tokens', fileName: 'compare-mixture', className: 'prior-bars' }, DOWNLOADS);
    this.mixture.root.style.setProperty('--rows', String((results.variants.length + 1) * results.domains.length));
    this.root = element('div', { className: 'comparison' }, [
      element('div', { className: 'comparison-table', attributes: { 'data-png': 'comparison' } }, [
        element('h3', { text: 'Held-out validation loss (nats/token), lower is better' }),
        resultsTable(results),
        element('p', { className: 'caption', text: caption(results) }),
      ]),
      leads(results.summaries),
      element('h3', { text: 'Curves' }),
      variantLegend(results),
      element('div', { className: 'row', attributes: { 'data-png': 'comparison-curves' } }, this.overlays.map((card) => card.root)),
      element('h3', { text: 'Mixture' }),
      element('div', { className: 'row' }, [this.mixture.root]),
      element('h3', { text: 'Every run' }),
      runsTable(results),
    ]);
  }

  draw(): void {
    OVERLAYS.forEach(({ metric, key, smoothing }, i) => {
      const card = this.overlays[i];
      const datasets = overlayDatasets(this.runs, metric, key, smoothing, REPORT_THEME);
      card.setEmpty(datasets.length > 0 ? null : 'No run of this comparison has data on this machine yet.');
      card.draw(datasets, curveChartOptions(REPORT_THEME, { xAxis: 'step', logY: false }, 'Loss (nats/token)'));
    });
    const datasets = variantMixtureDatasets(this.results, this.trainTokens, REPORT_THEME);
    this.mixture.setEmpty(datasets.length > 1 ? null : 'No run has finished yet.');
    this.mixture.draw(datasets, variantMixtureOptions(REPORT_THEME, this.results.domains));
  }

  describe(): ChartDescription[] {
    return [...this.overlays, this.mixture].map((card) => card.describe());
  }
}

function resultsTable(results: CompareResults): HTMLElement {
  const { summaries, winners, domains } = results;
  if (!winners) return element('p', { className: 'notice', text: 'No run has finished yet, so there is nothing to compare.' });
  const cell = (m: MeanStd, isBest: boolean): Cell => ({ text: `${formatMeanStd(m)}${isBest ? ' ★' : ''}`, className: isBest ? 'winner' : undefined });
  const rows = summaries.map((s) => [
    s.variant,
    cell(s.uniform, winners.uniform === s.variant),
    cell(s.tokenWeighted, winners.tokenWeighted === s.variant),
    ...s.perDomain.map((m, k) => cell(m, winners.perDomain[k] === s.variant)),
  ]);
  return table(['policy', 'uniform avg', 'token-weighted', ...domains], rows, 'data comparison-results');
}

function caption(results: CompareResults): string {
  const seeds = results.seeds.length;
  const finished = results.runs.filter((r) => r.metrics !== null).length;
  const planned = results.variants.length * seeds;
  const config = results.baseConfig;
  const spread = seeds > 1 ? `mean ± sample std over ${seeds} seeds (${results.seeds.join(', ')})` : `one seed (${results.seeds[0]}), so no spread`;
  return [
    `${spread}; ★ = lowest mean in the column.`,
    `Each run: ${formatCount(config.training.steps)} steps of ${config.training.batchSize} × ${config.data.contextLength} tokens, ${config.model.layers} layers × ${config.model.dModel} wide.`,
    finished < planned ? `Incomplete (${results.status}): ${finished} of ${planned} runs finished.` : '',
    `Command: ${results.command}`,
  ].filter(Boolean).join(' ');
}

function leads(summaries: VariantSummary[]): HTMLElement {
  const lines = (
    [
      ['uniform average', (s: VariantSummary) => s.uniform],
      ['token-weighted average', (s: VariantSummary) => s.tokenWeighted],
    ] as const
  ).flatMap(([name, metric]) => {
    const l = lead(summaries, metric);
    if (!l) return [];
    const verdict =
      l.withinSpread === null ? 'with a single seed, which measures no spread' : l.withinSpread ? 'within the seed spread, so not a clear win' : 'larger than the seed spread';
    return [element('li', { text: `${name}: ${l.winner} leads ${l.runnerUp} by ${l.gap.toFixed(4)} nats, ${verdict}.` })];
  });
  return element('ul', { className: 'leads' }, lines);
}

function variantLegend(results: CompareResults): HTMLElement {
  const chips = results.variants.map((variant, index) => {
    const swatch = element('span', { className: 'swatch' });
    swatch.style.background = domainColor(index, REPORT_THEME.dark);
    return element('span', { className: 'chip' }, [swatch, element('span', { text: variant })]);
  });
  const dashes = results.seeds.length > 1 ? `line style = seed (${results.seeds.map((seed, i) => `${seed}: ${['solid', 'dashed', 'dotted', 'dash-dot'][i % 4]}`).join(', ')})` : '';
  return element('div', { className: 'legend' }, [...chips, dashes && element('span', { className: 'caption', text: dashes })]);
}

function runsTable(results: CompareResults): HTMLElement {
  const rows = results.runs.map((r) => [
    `${r.variant} · seed ${r.seed}`,
    r.state,
    formatLoss(r.metrics?.uniform ?? NaN),
    formatLoss(r.metrics?.tokenWeighted ?? NaN),
    formatCount(r.steps),
    formatDuration(r.elapsedMs),
    r.runDir ?? `${r.runId} (on the daemon)`,
  ]);
  return table(['run', 'state', 'uniform avg', 'token-weighted', 'steps', 'time', 'run directory'], rows);
}
