/**
 * Everything the charts draw about one run, built from the daemon's downsampled history and then
 * the streamed events (or, for `ado report`, from an events.jsonl read top to bottom). Memory stays
 * bounded however long the run streams: step and eval rows live in BucketTables, logs in a short list,
 * and only the newest fit keeps its observed points.
 */
import type { RequestResults, RunSummary, StepHistory } from '../../shared/protocol';
import type { EvalEvent, FitEvent, MetaEvent, RunEvent, RunState, SamplesEvent, StepEvent, SummaryEvent } from '../../shared/run-events';
import { BucketTable } from './bucket-table';

export type RunHistory = RequestResults['runs.history'];

/** Columns every table starts with, so any of them can serve as the x axis. */
export const X_COLUMNS = { step: 0, tokens: 1, elapsedMs: 2 } as const;

export class StepColumns {
  static readonly loss = 3;
  constructor(readonly domainCount: number) {}
  domainLoss(domain: number): number {
    return 4 + domain;
  }
  weight(domain: number): number {
    return 4 + this.domainCount + domain;
  }
  epochs(domain: number): number {
    return 4 + 2 * this.domainCount + domain;
  }
  get count(): number {
    return 4 + 3 * this.domainCount;
  }
}

export class EvalColumns {
  static readonly uniform = 3;
  static readonly tokenWeighted = 4;
  constructor(readonly domainCount: number) {}
  loss(domain: number): number {
    return 5 + domain;
  }
  get count(): number {
    return 5 + this.domainCount;
  }
}

export type FitRecord = Omit<FitEvent, 'type' | 'points'>;
export type RunLogEntry = Extract<RunEvent, { type: 'log' }>;

/** Rows kept per table. */
export const STEP_ROWS = 2048;
const EVAL_ROWS = 1024;
const LOG_ENTRIES = 200;

export class RunData {
  summary: RunSummary | null = null;
  meta: MetaEvent | null = null;
  state: RunState | null = null;
  stateMessage: string | undefined;
  steps: BucketTable | null = null;
  evals: BucketTable | null = null;
  stepColumns = new StepColumns(0);
  evalColumns = new EvalColumns(0);
  /** The newest step index, weights and epochs as reported, not bucket-averaged. */
  latestStep: number | null = null;
  latestWeights: number[] | null = null;
  latestEpochs: number[] | null = null;
  fits: FitRecord[] = [];
  latestFitPoints: FitEvent['points'] | null = null;
  logs: RunLogEntry[] = [];
  /** The newest evaluation's text samples (training.samples). */
  latestSamples: SamplesEvent | null = null;
  result: SummaryEvent | null = null;
  /** The newest event sequence number reflected here. */
  lastSeq = 0;
  /** Bumped on every change. */
  revision = 0;
  /**
   * Bumped per part, so a view redraws only when what it shows moved. `stepRows` counts rows added:
   * a step merged into the open bucket of a long run moves no pixel worth a redraw.
   */
  readonly changes = { stepRows: 0, evals: 0, fits: 0, samples: 0 };
  /** A run re-announces its meta when it resumes from a checkpoint; the steps after it rewind. */
  private resumed = false;

  constructor(readonly runId: string) {}

  get domains(): string[] {
    return this.meta?.domains ?? [];
  }

  get name(): string {
    return this.summary?.name ?? this.runId;
  }

  applySummary(run: RunSummary): void {
    this.summary = run;
    this.state = run.state;
    this.stateMessage = run.message;
    this.revision++;
  }

  /** The downsampled history; `coveredSeq` is the newest seq it is known to include. */
  applyHistory(history: RunHistory, coveredSeq: number): void {
    if (history.meta?.type === 'meta') this.applyMeta(history.meta);
    if (this.meta) this.loadSteps(history.steps);
    for (const event of [...history.evals, ...history.fits, ...(history.samples ? [history.samples] : [])]) this.applyBody(event);
    this.lastSeq = Math.max(this.lastSeq, coveredSeq);
    this.resumed = false;
    this.changes.stepRows++;
    this.revision++;
  }

  /** Applies a streamed event; returns false for one already reflected. */
  applyEvent(event: RunEvent): boolean {
    if (event.seq <= this.lastSeq) return false;
    this.lastSeq = event.seq;
    if (event.type === 'meta') this.resumed = this.meta !== null;
    this.applyBody(event);
    this.revision++;
    return true;
  }

  private applyBody(event: RunEvent): void {
    switch (event.type) {
      case 'meta':
        return this.applyMeta(event);
      case 'step':
        return this.applyStep(event);
      case 'eval':
        return this.applyEval(event);
      case 'fit':
        return this.applyFit(event);
      case 'state':
        this.state = event.state;
        this.stateMessage = event.message;
        return;
      case 'summary':
        this.result = event;
        return;
      case 'log':
        return this.appendLog(event);
      case 'samples':
        this.latestSamples = event;
        this.changes.samples++;
        return;
      case 'checkpoint':
        return;
    }
  }

  private applyMeta(meta: MetaEvent): void {
    const sameDomains = this.meta !== null && this.meta.domains.join('\n') === meta.domains.join('\n');
    this.meta = meta;
    if (sameDomains) return;
    const domainCount = meta.domains.length;
    this.stepColumns = new StepColumns(domainCount);
    this.evalColumns = new EvalColumns(domainCount);
    this.steps = new BucketTable(this.stepColumns.count, STEP_ROWS);
    this.evals = new BucketTable(this.evalColumns.count, EVAL_ROWS);
    this.fits = [];
    this.latestFitPoints = null;
    this.changes.stepRows++;
    this.changes.evals++;
    this.changes.fits++;
  }

  private loadSteps(history: StepHistory): void {
    const columns = this.stepColumns;
    const row = new Float64Array(columns.count);
    for (let i = 0; i < history.step.length; i++) {
      row[X_COLUMNS.step] = history.step[i];
      row[X_COLUMNS.tokens] = history.tokens[i];
      row[X_COLUMNS.elapsedMs] = history.elapsedMs[i];
      row[StepColumns.loss] = history.loss[i] ?? NaN;
      for (let k = 0; k < columns.domainCount; k++) {
        row[columns.domainLoss(k)] = history.domainLosses[k]?.[i] ?? NaN;
        row[columns.weight(k)] = history.weights[k]?.[i] ?? NaN;
        row[columns.epochs(k)] = history.epochs?.[k]?.[i] ?? NaN;
      }
      // A bucket stands for the steps since the previous one.
      const weight = i === 0 ? 1 : Math.max(1, history.step[i] - history.step[i - 1]);
      this.steps?.appendAveraged(row, weight);
    }
    const last = history.step.length - 1;
    if (last < 0) return;
    this.latestStep = history.step[last];
    this.latestWeights = history.weights.map((series) => series[last]);
    this.latestEpochs = history.epochs?.map((series) => series[last]) ?? null;
  }

  private applyStep(event: StepEvent): void {
    const steps = this.steps;
    if (!steps) return;
    if (steps.rows > 0 && event.step <= steps.last(X_COLUMNS.step)) {
      // An overlap with the backfill, unless the run rewound to a checkpoint.
      if (!this.resumed) return;
      steps.truncateFrom(X_COLUMNS.step, event.step);
      this.evals?.truncateFrom(X_COLUMNS.step, event.step);
      this.fits = this.fits.filter((fit) => fit.step < event.step);
      this.changes.evals++;
      this.changes.fits++;
    }
    this.resumed = false;
    const columns = this.stepColumns;
    const row = new Float64Array(columns.count);
    row[X_COLUMNS.step] = event.step;
    row[X_COLUMNS.tokens] = event.tokens;
    row[X_COLUMNS.elapsedMs] = event.elapsedMs;
    row[StepColumns.loss] = event.loss ?? NaN;
    for (let k = 0; k < columns.domainCount; k++) {
      row[columns.domainLoss(k)] = event.domainLosses[k] ?? NaN;
      row[columns.weight(k)] = event.weights[k];
      row[columns.epochs(k)] = event.epochs?.[k] ?? NaN;
    }
    const rowsBefore = steps.rows;
    steps.append(row);
    this.latestStep = event.step;
    this.latestWeights = event.weights;
    if (event.epochs) this.latestEpochs = event.epochs;
    if (steps.rows !== rowsBefore) this.changes.stepRows++;
  }

  private applyEval(event: EvalEvent): void {
    const evals = this.evals;
    if (!evals || (evals.rows > 0 && event.step <= evals.last(X_COLUMNS.step))) return;
    const columns = this.evalColumns;
    const row = new Float64Array(columns.count);
    row[X_COLUMNS.step] = event.step;
    row[X_COLUMNS.tokens] = event.tokens;
    row[X_COLUMNS.elapsedMs] = event.elapsedMs;
    row[EvalColumns.uniform] = event.uniform;
    row[EvalColumns.tokenWeighted] = event.tokenWeighted;
    event.losses.forEach((loss, k) => (row[columns.loss(k)] = loss));
    evals.append(row);
    this.changes.evals++;
  }

  private applyFit(event: FitEvent): void {
    const previous = this.fits[this.fits.length - 1];
    if (previous && event.step <= previous.step) return;
    const { type: _type, points, ...record } = event;
    this.fits.push(record);
    this.latestFitPoints = points;
    this.changes.fits++;
  }

  private appendLog(entry: RunLogEntry): void {
    this.logs.push(entry);
    if (this.logs.length > LOG_ENTRIES) this.logs.splice(0, this.logs.length - LOG_ENTRIES);
  }
}
