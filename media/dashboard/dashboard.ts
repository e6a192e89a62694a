/**
 * The dashboard page: keeps the attached runs' data, applies what the host relays, and redraws
 * once per animation frame whatever the event rate. View choices and attached runs live in the
 * webview state, so a window reload brings the panel back as it was.
 */
import type { RunSummary } from '../../shared/protocol';
import { RunData } from '../charts/run-data';
import type { ChartTheme } from '../charts/chart-theme';
import type { DashboardState, DashboardToHost, DashboardViewState, HostToDashboard } from '../shared/dashboard-messages';
import { element } from '../shared/dom';
import { FrameBatcher } from '../shared/frame-batcher';
import type { WebviewApi } from '../shared/vscode-api';
import { onThemeChange, readChartTheme } from '../shared/vscode-theme';
import type { CardExports, ExportFormat } from './chart-card';
import { CurvesSection } from './curves-section';
import type { DashboardContext } from './dashboard-context';
import { DomainLegend } from './domain-legend';
import { publishInspection, RenderTimer, type DashboardDescription } from './inspection';
import { LawsSection } from './laws-section';
import { LogPanel } from './log-panel';
import { MixtureSection } from './mixture-section';
import { RunStatus } from './run-status';
import { SamplesSection } from './samples-section';
import { Toolbar } from './toolbar';

/** Live charts redraw at most four times a second; TensorBoard refreshes every 30 s. */
const LIVE_RENDER_INTERVAL_MS = 250;

export const DEFAULT_VIEW: DashboardViewState = {
  xAxis: 'step',
  smoothing: 0.6,
  logY: false,
  hidden: [],
  mixture: 'heatmap',
  focusRunId: null,
  lawDomain: null,
};

export class Dashboard {
  private runs: RunData[] = [];
  private source: string | null;
  private available: RunSummary[] = [];
  private view: DashboardViewState;
  private theme: ChartTheme = readChartTheme();
  private themeVersion = 0;
  private readonly batcher = new FrameBatcher(() => this.timer.time(() => this.render()), LIVE_RENDER_INTERVAL_MS);
  private readonly timer = new RenderTimer();
  private readonly status: RunStatus;
  private readonly toolbar: Toolbar;
  private readonly legend: DomainLegend;
  private readonly curves: CurvesSection;
  private readonly mixture: MixtureSection;
  private readonly laws: LawsSection;
  private readonly log = new LogPanel();
  private readonly samples = new SamplesSection();

  constructor(
    root: HTMLElement,
    private readonly host: WebviewApi<DashboardState, DashboardToHost>,
  ) {
    const saved = host.getState();
    this.view = { ...DEFAULT_VIEW, ...saved?.view };
    this.source = saved?.source ?? null;
    const exports: CardExports = { background: () => this.theme.background, save: (format, fileName, data) => this.export(format, fileName, data) };
    this.status = new RunStatus({ resume: (runId) => host.postMessage({ type: 'resume', runId }), detach: (runId) => this.detach(runId) });
    this.toolbar = new Toolbar(this.view, {
      changeView: (change) => this.changeView(change),
      attach: (runId) => host.postMessage({ type: 'attach', runId }),
      listRuns: () => host.postMessage({ type: 'listRuns' }),
    });
    this.legend = new DomainLegend((hidden) => this.changeView({ hidden }));
    this.curves = new CurvesSection(exports);
    this.mixture = new MixtureSection(exports, (mixture) => this.changeView({ mixture }));
    this.laws = new LawsSection(exports, (lawDomain) => this.changeView({ lawDomain }), () => this.batcher.request());
    root.replaceChildren(
      element('header', { className: 'dashboard-header' }, [this.status.root, this.toolbar.root, this.legend.root]),
      element('h2', { text: 'Loss' }),
      this.curves.root,
      element('h2', { text: 'Mixture' }),
      this.mixture.root,
      element('h2', { text: 'Scaling laws' }),
      this.laws.root,
      this.samples.root,
      this.log.root,
    );
    onThemeChange(() => {
      this.theme = readChartTheme();
      this.themeVersion++;
      this.batcher.request();
    });
    publishInspection(() => this.describe());
  }

  /** Tells the host the page is ready for data (also after a reload, when it starts from nothing). */
  start(): void {
    this.host.postMessage({ type: 'ready' });
    this.host.postMessage({ type: 'listRuns' });
    this.batcher.request();
  }

  receive(message: HostToDashboard): void {
    switch (message.type) {
      case 'run':
        this.runFor(message.run.id, true)?.applySummary(message.run);
        this.persist();
        break;
      case 'history':
        // A backfill replaces whatever the run showed: the host re-sends everything after a reconnect or reattach.
        this.restartRun(message.runId)?.applyHistory(message.history, message.coveredSeq);
        this.status.showError(null);
        break;
      case 'events': {
        const run = this.runFor(message.runId);
        for (const event of message.events) run?.applyEvent(event);
        this.batcher.requestLive();
        return;
      }
      case 'runs':
        this.available = message.runs;
        break;
      case 'source':
        this.source = message.source;
        this.persist();
        break;
      case 'error':
        this.status.showError(message.message);
        break;
    }
    this.batcher.request();
  }

  private runFor(runId: string, create = false): RunData | undefined {
    let run = this.runs.find((r) => r.runId === runId);
    if (!run && create) {
      run = new RunData(runId);
      this.runs.push(run);
    }
    return run;
  }

  private restartRun(runId: string): RunData | undefined {
    const index = this.runs.findIndex((run) => run.runId === runId);
    if (index < 0) return undefined;
    const fresh = new RunData(runId);
    const summary = this.runs[index].summary;
    if (summary) fresh.applySummary(summary);
    this.runs[index] = fresh;
    return fresh;
  }

  private detach(runId: string): void {
    this.runs = this.runs.filter((run) => run.runId !== runId);
    this.host.postMessage({ type: 'detach', runId });
    this.persist();
    this.batcher.request();
  }

  private changeView(change: Partial<DashboardViewState>): void {
    this.view = { ...this.view, ...change };
    this.persist();
    this.batcher.request();
  }

  private persist(): void {
    this.host.setState({ source: this.source, runIds: this.runs.map((run) => run.runId), view: this.view });
  }

  private export(format: ExportFormat, fileName: string, data: string): void {
    const prefix = this.focus()?.name ?? 'ado';
    this.host.postMessage({ type: 'export', format, fileName: `${prefix}-${fileName}.${format}`, data });
  }

  private focus(): RunData | null {
    return this.runs.find((run) => run.runId === this.view.focusRunId) ?? this.runs[0] ?? null;
  }

  private context(): DashboardContext {
    return {
      runs: this.runs,
      focus: this.focus(),
      view: this.view,
      curveView: { xAxis: this.view.xAxis, smoothing: this.view.smoothing, logY: this.view.logY, hidden: new Set(this.view.hidden) },
      theme: this.theme,
      themeVersion: this.themeVersion,
    };
  }

  private render(): void {
    const context = this.context();
    this.status.render(this.runs);
    this.toolbar.showView(this.view);
    this.toolbar.showRuns(this.runs, context.focus?.runId ?? null);
    this.toolbar.showAvailable(this.available, this.runs);
    this.legend.render(this.runs, this.view.hidden, this.theme.dark, this.themeVersion);
    this.curves.render(context);
    this.mixture.render(context);
    this.laws.render(context);
    this.samples.render(context.focus);
    this.log.render(context.focus);
  }

  private describe(): DashboardDescription {
    return {
      runs: this.runs.map((run) => ({
        runId: run.runId,
        state: run.state,
        stepRows: run.steps?.rows ?? 0,
        evalRows: run.evals?.rows ?? 0,
        fits: run.fits.length,
        lastSeq: run.lastSeq,
        logs: run.logs.map((entry) => entry.message),
      })),
      charts: [...this.curves.describe(), ...this.mixture.describe(), ...this.laws.describe()],
      settled: !this.batcher.pending,
      renders: this.timer.count,
      recentRenderMs: [...this.timer.recent],
    };
  }
}
