/**
 * runs.history: a run's step metrics as columns, downsampled on request by averaging buckets of
 * consecutive steps, plus its eval and fit events.
 *
 * A resumed run repeats the steps after its last checkpoint. A step at or below the newest one
 * therefore starts a new timeline from there: the later events win, and the points (and evals
 * and fits) of the abandoned timeline from that step on are dropped, so a curve never mixes two
 * timelines.
 *
 * The index is built on the first request and caught up from the log on later ones; runs nobody
 * charts cost no memory.
 */
import { trimHistory, type HistoryTrim } from '../../shared/history-trim';
import type { RequestResults, StepHistory } from '../../shared/protocol';
import type { EvalEvent, FitEvent, RunEvent, SamplesEvent, StepEvent } from '../../shared/run-events';
import type { Run } from './run';

type Nullable = number | null;

export interface HistoryRange extends HistoryTrim {
  fromStep?: number;
  toStep?: number;
  maxPoints?: number;
}

const DEFAULT_MAX_POINTS = 2000;

export class RunHistory {
  private indexedSeq = 0;
  private readonly steps: number[] = [];
  private readonly tokens: number[] = [];
  private readonly elapsedMs: number[] = [];
  private readonly loss: Nullable[] = [];
  private domainLosses: Nullable[][] = [];
  private weights: number[][] = [];
  private epochs: number[][] | undefined;
  private evals: (RunEvent & EvalEvent)[] = [];
  private fits: (RunEvent & FitEvent)[] = [];
  private meta: RunEvent | null = null;
  private samples: (RunEvent & SamplesEvent) | undefined;

  constructor(private readonly run: Run) {}

  query(range: HistoryRange): RequestResults['runs.history'] {
    this.catchUp();
    const from = range.fromStep ?? 0;
    const to = range.toStep ?? Number.MAX_SAFE_INTEGER;
    const first = lowerBound(this.steps, from);
    const end = lowerBound(this.steps, to + 1);
    const inRange = (e: { step: number }) => e.step >= from && e.step <= to;
    const history = {
      steps: this.downsample(first, end, range.maxPoints ?? DEFAULT_MAX_POINTS),
      evals: this.evals.filter(inRange),
      fits: this.fits.filter(inRange),
      meta: this.meta,
      ...(this.samples ? { samples: this.samples } : {}),
    };
    return trimHistory(history, range);
  }

  private catchUp(): void {
    for (const event of this.run.read(this.indexedSeq)) {
      this.indexedSeq = event.seq;
      if (event.type === 'step') this.addStep(event);
      else if (event.type === 'eval') this.evals.push(event);
      else if (event.type === 'fit') this.fits.push(event);
      else if (event.type === 'meta') this.meta = event;
      else if (event.type === 'samples') this.samples = event;
    }
  }

  private addStep(event: StepEvent): void {
    const last = this.steps.length > 0 ? this.steps[this.steps.length - 1] : -1;
    if (event.step <= last) this.startTimelineAt(event.step);
    const domains = event.weights.length;
    if (this.weights.length !== domains) this.resetDomainColumns(domains);
    this.steps.push(event.step);
    this.tokens.push(event.tokens);
    this.elapsedMs.push(event.elapsedMs);
    this.loss.push(event.loss);
    for (let k = 0; k < domains; k++) {
      this.domainLosses[k].push(event.domainLosses[k] ?? null);
      this.weights[k].push(event.weights[k]);
    }
    if (event.epochs) {
      this.epochs ??= Array.from({ length: domains }, () => new Array<number>(this.steps.length - 1).fill(0));
      for (let k = 0; k < domains; k++) this.epochs[k].push(event.epochs[k]);
    }
  }

  private startTimelineAt(step: number): void {
    const keep = lowerBound(this.steps, step);
    for (const column of [this.steps, this.tokens, this.elapsedMs, this.loss, ...this.domainLosses, ...this.weights, ...(this.epochs ?? [])]) {
      column.length = keep;
    }
    this.evals = this.evals.filter((e) => e.step < step);
    this.fits = this.fits.filter((e) => e.step < step);
    if (this.samples && this.samples.step >= step) this.samples = undefined;
  }

  /** A run's domain count never changes; this only runs for its first step event. */
  private resetDomainColumns(domains: number): void {
    const empty = () => Array.from({ length: domains }, () => [] as never[]);
    this.domainLosses = empty();
    this.weights = empty();
    this.epochs = undefined;
  }

  private downsample(first: number, end: number, maxPoints: number): StepHistory {
    const count = end - first;
    const buckets = Math.min(count, maxPoints);
    const bounds = Array.from({ length: buckets + 1 }, (_, i) => first + Math.floor((i * count) / buckets));
    const average = (column: Nullable[]) => bounds.slice(0, -1).map((start, i) => mean(column, start, bounds[i + 1]));
    const averageKnown = (column: number[]) => average(column) as number[];
    const history: StepHistory = {
      step: averageKnown(this.steps),
      tokens: averageKnown(this.tokens),
      elapsedMs: averageKnown(this.elapsedMs),
      loss: average(this.loss),
      domainLosses: this.domainLosses.map(average),
      weights: this.weights.map(averageKnown),
    };
    if (this.epochs) history.epochs = this.epochs.map(averageKnown);
    return history;
  }
}

/** Mean of the non-null values in column[start, end); null when there are none. */
function mean(column: Nullable[], start: number, end: number): Nullable {
  let sum = 0;
  let n = 0;
  for (let i = start; i < end; i++) {
    const value = column[i];
    if (value !== null) {
      sum += value;
      n++;
    }
  }
  return n === 0 ? null : sum / n;
}

/** The first index whose value is ≥ target in an ascending array. */
function lowerBound(sorted: number[], target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
