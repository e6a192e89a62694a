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
 * charts cost no memory. An answer is a StreamedJson: its bucket means are computed a chunk at a
 * time as the client reads them, from the index columns as they were when it was asked for (new
 * steps are appended past its range, and a new timeline replaces the columns rather than cutting
 * them), so a large answer costs the daemon no more than the part being written.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { EXACT_STEP_COLUMNS, roundValues, trimEvent, type HistoryTrim } from '../../shared/history-trim';
import type { RequestResults, StepHistory } from '../../shared/protocol';
import type { EvalEvent, FitEvent, RunEvent, SamplesEvent, StepEvent } from '../../shared/run-events';
import { ChunkedArray, StreamedJson } from '../util/streamed-json';
import type { Run } from './run';

type Nullable = number | null;

export interface HistoryRange extends HistoryTrim {
  fromStep?: number;
  toStep?: number;
  maxPoints?: number;
}

const DEFAULT_MAX_POINTS = 2000;
/** Indexing done between two turns of the event loop. */
const INDEX_SLICE_MS = 10;
/** Evaluations and fits printed at once: a fit with all its points can be tens of kilobytes. */
const EVENTS_PER_CHUNK = 16;

export class RunHistory {
  private indexedSeq = 0;
  private steps: number[] = [];
  private tokens: number[] = [];
  private elapsedMs: number[] = [];
  private loss: Nullable[] = [];
  private domainLosses: Nullable[][] = [];
  private weights: number[][] = [];
  private epochs: number[][] | undefined;
  private evals: (RunEvent & EvalEvent)[] = [];
  private fits: (RunEvent & FitEvent)[] = [];
  private meta: RunEvent | null = null;
  private samples: (RunEvent & SamplesEvent) | undefined;
  private catchingUp: Promise<void> | undefined;

  constructor(private readonly run: Run) {}

  async query(range: HistoryRange): Promise<StreamedJson<RequestResults['runs.history']>> {
    await this.catchUp();
    const from = range.fromStep ?? 0;
    const to = range.toStep ?? Number.MAX_SAFE_INTEGER;
    const inRange = (e: { step: number }) => e.step >= from && e.step <= to;
    const evals = this.evals.filter(inRange);
    const fits = this.fits.filter(inRange);
    return new StreamedJson({
      steps: this.downsample(lowerBound(this.steps, from), lowerBound(this.steps, to + 1), range.maxPoints ?? DEFAULT_MAX_POINTS, range.digits),
      evals: new ChunkedArray(evals.length, (a, b) => evals.slice(a, b).map((event) => trimEvent(event, range)), EVENTS_PER_CHUNK),
      fits: new ChunkedArray(fits.length, (a, b) => fits.slice(a, b).map((fit, i) => trimEvent(fit, range, a + i === fits.length - 1)), EVENTS_PER_CHUNK),
      meta: this.meta,
      ...(this.samples ? { samples: this.samples } : {}),
    });
  }

  /** One catch-up at a time: queries that arrive meanwhile wait for the same one. */
  private catchUp(): Promise<void> {
    return (this.catchingUp ??= this.indexNewEvents().finally(() => (this.catchingUp = undefined)));
  }

  /** In slices of INDEX_SLICE_MS, giving the event loop back between them: a long log's first index must not hold up other clients. */
  private async indexNewEvents(): Promise<void> {
    while (this.indexedSeq < this.run.lastSeq) {
      const sliceEnd = performance.now() + INDEX_SLICE_MS;
      for (const event of this.run.read(this.indexedSeq)) {
        this.index(event);
        if (performance.now() > sliceEnd) break;
      }
      if (this.indexedSeq < this.run.lastSeq) await yieldToEventLoop();
    }
  }

  private index(event: RunEvent): void {
    this.indexedSeq = event.seq;
    if (event.type === 'step') this.addStep(event);
    else if (event.type === 'eval') this.evals.push(event);
    else if (event.type === 'fit') this.fits.push(event);
    else if (event.type === 'meta') this.meta = event;
    else if (event.type === 'samples') this.samples = event;
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

  /** New arrays rather than shorter ones: answers still being written hold the old ones. */
  private startTimelineAt(step: number): void {
    const keep = lowerBound(this.steps, step);
    const cut = <T>(column: T[]) => column.slice(0, keep);
    this.steps = cut(this.steps);
    this.tokens = cut(this.tokens);
    this.elapsedMs = cut(this.elapsedMs);
    this.loss = cut(this.loss);
    this.domainLosses = this.domainLosses.map(cut);
    this.weights = this.weights.map(cut);
    this.epochs = this.epochs?.map(cut);
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

  /** Columns of bucket means over index rows [first, end), each computed only as it is written. */
  private downsample(first: number, end: number, maxPoints: number, digits: number | undefined): LazySteps {
    const count = end - first;
    const buckets = Math.min(count, maxPoints);
    const bound = (i: number) => first + Math.floor((i * count) / buckets);
    const column = <T extends Nullable>(name: keyof StepHistory, values: T[]) =>
      new ChunkedArray<T>(buckets, (a, b) => {
        const means = Array.from({ length: b - a }, (_, i) => mean(values, bound(a + i), bound(a + i + 1)) as T);
        return digits === undefined || EXACT_STEP_COLUMNS.includes(name) ? means : roundValues(means, digits);
      });
    const steps: LazySteps = {
      step: column('step', this.steps),
      tokens: column('tokens', this.tokens),
      elapsedMs: column('elapsedMs', this.elapsedMs),
      loss: column('loss', this.loss),
      domainLosses: this.domainLosses.map((values) => column('domainLosses', values)),
      weights: this.weights.map((values) => column('weights', values)),
    };
    if (this.epochs) steps.epochs = this.epochs.map((values) => column('epochs', values));
    return steps;
  }
}

/** StepHistory, each column a ChunkedArray of its values. */
type LazySteps = { [K in keyof StepHistory]: Lazy<NonNullable<StepHistory[K]>> };
type Lazy<Column> = Column extends (infer V)[][] ? ChunkedArray<V>[] : Column extends (infer V)[] ? ChunkedArray<V> : never;

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
