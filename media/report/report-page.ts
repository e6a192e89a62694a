/**
 * The report page: one run's full view, or for a comparison the comparison itself followed by
 * each run's full view, folded away and drawn only when opened (ten runs × a dozen charts would
 * make the page slow to open for a table most readers came for).
 */
import { formatLoss } from '../charts/format';
import type { RunData } from '../charts/run-data';
import type { ChartDescription } from '../dashboard/chart-card';
import { element } from '../shared/dom';
import type { OverlayRun } from './compare-charts';
import { ComparisonView } from './comparison-view';
import type { ReportPayload, ReportRun } from './report-payload';
import { reportRunData } from './report-run';
import { RunView } from './run-view';

export interface ReportDescription {
  kind: 'run' | 'compare';
  charts: ChartDescription[];
}

export class ReportPage {
  private readonly runViews: RunView[] = [];
  private comparison: ComparisonView | null = null;

  constructor(private readonly root: HTMLElement, private readonly payload: ReportPayload) {}

  render(): void {
    const { payload } = this;
    const generated = `Generated ${new Date(payload.generatedAt).toLocaleString()} by ${payload.generator}.`;
    this.root.replaceChildren(element('header', {}, [element('h1', { text: payload.title }), element('p', { className: 'caption', text: generated })]));
    if (payload.comparison) this.renderComparison(payload);
    else this.renderRun(payload.runs[0]);
  }

  describe(): ReportDescription {
    return {
      kind: this.payload.comparison ? 'compare' : 'run',
      charts: [...(this.comparison?.describe() ?? []), ...this.runViews.flatMap((view) => view.describe())],
    };
  }

  private renderRun(run: ReportRun): void {
    const view = new RunView(reportRunData(run), run);
    this.root.append(view.root);
    this.runViews.push(view);
    view.draw();
  }

  private renderComparison(payload: ReportPayload): void {
    const results = payload.comparison!;
    const byId = new Map(payload.runs.map((run) => [run.summary.id, { report: run, data: reportRunData(run) }]));
    const overlay: OverlayRun[] = results.runs.flatMap((r) => {
      const run = byId.get(r.runId);
      return run ? [{ data: run.data, variant: r.variant, variantIndex: results.variants.indexOf(r.variant), seed: r.seed, seedIndex: results.seeds.indexOf(r.seed) }] : [];
    });
    this.comparison = new ComparisonView(results, overlay, overlay[0]?.data.meta?.trainTokens ?? []);
    const details = results.runs.map((r) => {
      const run = byId.get(r.runId);
      const label = `${r.variant} · seed ${r.seed}: ${r.state}${r.metrics ? `, uniform ${formatLoss(r.metrics.uniform)}` : ''}`;
      const section = element('details', { className: 'run-details' }, [
        element('summary', { text: run ? label : `${label} (its run directory is not on this machine)` }),
      ]);
      if (run) section.addEventListener('toggle', () => this.openRun(section, run.data, run.report), { once: true });
      return section;
    });
    this.root.append(this.comparison.root, element('h2', { text: 'Runs' }), ...details);
    this.comparison.draw();
  }

  private openRun(section: HTMLElement, data: RunData, report: ReportRun): void {
    const view = new RunView(data, report);
    section.append(view.root);
    this.runViews.push(view);
    view.draw();
  }
}
