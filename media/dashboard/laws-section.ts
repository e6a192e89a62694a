/**
 * The focused run's scaling laws: one domain in detail with its parameters, and a small chart for
 * every domain beside it. Clicking a small chart moves it into the detail view. Small charts are
 * drawn only once scrolled into view: 22 chart.js instances would otherwise dominate the first render.
 */
import { lawEmptyMessage } from '../charts/empty-states';
import { formatCount, formatLoss, formatPercent } from '../charts/format';
import { LARGE_LAW_CHART, lawChartOptions, lawDatasets, SMALL_LAW_CHART } from '../charts/law-chart';
import { latestLawParameters, lawsCsv } from '../charts/law-parameters';
import type { RunData } from '../charts/run-data';
import { element, select } from '../shared/dom';
import { RenderKey } from '../shared/render-key';
import { ChartCard, type CardExports, type ChartDescription } from './chart-card';
import { ChartSlot } from './chart-slot';
import type { DashboardContext } from './dashboard-context';

interface LawTile {
  domain: string;
  root: HTMLElement;
  slot: ChartSlot<'scatter'>;
  visible: boolean;
  drawn: RenderKey;
}

export class LawsSection {
  readonly root: HTMLElement;
  private focus: RunData | null = null;
  private readonly detail: ChartCard<'scatter'>;
  private readonly parameters = element('dl', { className: 'law-parameters' });
  private readonly picker = element('span', { className: 'law-picker' });
  private readonly grid = element('div', { className: 'law-grid', attributes: { role: 'list' } });
  private tiles: LawTile[] = [];
  private readonly keys = { detail: new RenderKey(), tiles: new RenderKey() };
  private readonly visibility = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const tile = this.tiles.find((t) => t.root === entry.target);
      if (tile) tile.visible = entry.isIntersecting;
    }
    if (entries.some((entry) => entry.isIntersecting)) this.requestRender();
  });

  constructor(
    exports: CardExports,
    private readonly onSelectDomain: (domain: string) => void,
    private readonly requestRender: () => void,
  ) {
    this.detail = new ChartCard('scatter', { title: 'Scaling law', fileName: 'scaling-law', className: 'law-detail', csv: () => (this.focus ? lawsCsv(this.focus) : '') }, exports);
    this.detail.root.querySelector('header')?.append(this.picker);
    this.detail.root.append(this.parameters);
    this.root = element('div', { className: 'row laws' }, [this.detail.root, this.grid]);
  }

  describe(): ChartDescription[] {
    const tiles = this.tiles
      .filter((tile) => !tile.root.hidden)
      .map((tile) => ({ name: `law-tile:${tile.domain}`, title: tile.domain, empty: null, datasets: tile.slot.describe(), tooltip: tile.slot.tooltip() }));
    return [this.detail.describe(), ...(this.grid.hidden ? [] : tiles)];
  }

  render(context: DashboardContext): void {
    const run = context.focus;
    this.focus = run;
    const domains = run?.domains ?? [];
    const selected = domains.includes(context.view.lawDomain ?? '') ? (context.view.lawDomain as string) : (domains[0] ?? null);
    const fitKey = `${run?.runId}|${run?.fits.length}|${run?.fits[run.fits.length - 1]?.step}|${context.themeVersion}|${run?.meta?.policy}`;
    const empty = lawEmptyMessage(run);

    this.detail.setEmpty(empty);
    if (this.keys.detail.changed(`${fitKey}|${selected}|${domains.join('\n')}`)) {
      this.renderPicker(domains, selected);
      const domain = selected === null ? -1 : domains.indexOf(selected);
      this.detail.setTitle(selected === null ? 'Scaling law' : `Scaling law: ${selected}`);
      this.detail.draw(run && domain >= 0 ? lawDatasets(run, domain, context.theme, LARGE_LAW_CHART) : [], lawChartOptions(context.theme, true));
      this.renderParameters(run, domain);
    }
    if (this.keys.tiles.changed(`${run?.runId}|${domains.join('\n')}`)) this.rebuildTiles(domains);
    this.grid.hidden = empty !== null;
    for (const [k, tile] of this.tiles.entries()) {
      tile.root.hidden = context.curveView.hidden.has(tile.domain);
      tile.root.classList.toggle('selected', tile.domain === selected);
      if (run && tile.visible && !tile.root.hidden && tile.drawn.changed(fitKey)) {
        tile.slot.draw(lawDatasets(run, k, context.theme, SMALL_LAW_CHART), lawChartOptions(context.theme, false));
      }
    }
  }

  private renderPicker(domains: string[], selected: string | null): void {
    this.picker.replaceChildren(
      domains.length > 0 ? select(domains.map((d) => ({ value: d, label: d })), selected ?? domains[0], this.onSelectDomain, 'Domain shown in detail') : '',
    );
  }

  private renderParameters(run: RunData | null, domain: number): void {
    const law = run && domain >= 0 ? latestLawParameters(run, domain) : null;
    const rows: [string, string, string][] = law
      ? [
          ['ε', formatLoss(law.epsilon), 'Irreducible loss the law tends to (nats)'],
          ['β', formatLoss(law.beta), 'Scale of the reducible part'],
          ['α', law.alpha.toFixed(3), 'Exponent: how fast the loss still falls'],
          ['L̂(n)', formatLoss(law.predicted), 'Predicted loss at the current n'],
          ['ρ', formatPercent(law.preference), 'ADO\'s preference for this domain'],
          ['objective', law.objective.toExponential(2), 'Huber objective of the fit'],
          ['refit', `step ${formatCount(law.step)} (#${law.refits}), n = ${formatCount(law.n)}`, 'The newest refit'],
        ]
      : [];
    this.parameters.replaceChildren(...rows.flatMap(([term, value, help]) => [element('dt', { text: term, title: help }), element('dd', { text: value })]));
  }

  private rebuildTiles(domains: string[]): void {
    this.visibility.disconnect();
    for (const tile of this.tiles) tile.slot.destroy();
    this.tiles = domains.map((domain) => {
      const slot = new ChartSlot('scatter');
      const root = element('div', { className: 'law-tile', title: `Show ${domain} in detail`, attributes: { role: 'listitem', tabindex: '0' } }, [
        element('div', { className: 'law-tile-title', text: domain }),
        element('div', { className: 'law-tile-chart' }, [slot.canvas]),
      ]);
      root.addEventListener('click', () => this.onSelectDomain(domain));
      root.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') this.onSelectDomain(domain);
      });
      this.visibility.observe(root);
      return { domain, root, slot, visible: false, drawn: new RenderKey() };
    });
    this.grid.replaceChildren(...this.tiles.map((tile) => tile.root));
  }
}
