/**
 * runs.history's `fitPoints` and `digits`: a history cut to what a chart draws. The daemon applies
 * it while it writes the answer (a 60,000-step × 22-domain history at the dashboard's 600 points
 * shrinks from 1.8 MB to 0.47 MB of JSON with 5 digits, which every hop to a webview parses and
 * copies again); a client talking to a daemon without the "history-trim" capability applies it to
 * the full answer.
 */
import type { RequestParams, RequestResults, StepHistory } from './protocol';
import type { RunEvent } from './run-events';

export type HistoryTrim = Pick<RequestParams<'runs.history'>, 'fitPoints' | 'digits'>;
type History = RequestResults['runs.history'];

/** The x columns (step, tokens, time) stay exact: live steps are matched against them. */
export const EXACT_STEP_COLUMNS: readonly (keyof StepHistory)[] = ['step', 'tokens', 'elapsedMs'];
/** In an evaluation or fit event, its place on the x axis and its identity stay exact too. */
const EXACT_EVENT_KEYS: readonly string[] = [...EXACT_STEP_COLUMNS, 'type', 'runId', 'seq', 'time'];

export function trimHistory(history: History, trim: HistoryTrim): History {
  const newestFit = history.fits[history.fits.length - 1];
  return {
    ...history,
    evals: history.evals.map((event) => trimEvent(event, trim)),
    fits: history.fits.map((fit) => trimEvent(fit, trim, fit === newestFit)),
    steps: trim.digits === undefined ? history.steps : roundedSteps(history.steps, trim.digits),
  };
}

/**
 * An evaluation or fit event as trimmed: with fitPoints "newest", a fit other than the newest
 * loses its observed points (most of a fit's size, and drawn only for the newest); with `digits`,
 * every measured number in it is rounded.
 */
export function trimEvent(event: RunEvent, { fitPoints = 'all', digits }: HistoryTrim, newestFit = false): RunEvent {
  const kept = event.type === 'fit' && fitPoints === 'newest' && !newestFit ? { ...event, points: { n: [], loss: [] } } : event;
  if (digits === undefined) return kept;
  const round = (value: unknown): unknown => {
    if (typeof value === 'number') return significant(value, digits);
    if (Array.isArray(value)) return value.map(round);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, round(member)]));
    return value;
  };
  return Object.fromEntries(Object.entries(kept).map(([key, value]) => [key, EXACT_EVENT_KEYS.includes(key) ? value : round(value)])) as RunEvent;
}

/** `values` to `digits` significant digits (nulls stay null). */
export function roundValues<T extends number | null>(values: T[], digits: number): T[] {
  return values.map((value) => (value === null ? value : significant(value, digits)) as T);
}

function roundedSteps(steps: StepHistory, digits: number): StepHistory {
  const rounded: Record<string, unknown> = { ...steps };
  for (const [name, column] of Object.entries(steps) as [keyof StepHistory, (number | null)[] | (number | null)[][]][]) {
    if (EXACT_STEP_COLUMNS.includes(name)) continue;
    rounded[name] = isPerDomain(column) ? column.map((values) => roundValues(values, digits)) : roundValues(column, digits);
  }
  return rounded as unknown as StepHistory;
}

/** domainLosses, weights and epochs are [domain][point]; the other columns [point]. */
function isPerDomain<T>(column: T[] | T[][]): column is T[][] {
  return Array.isArray(column[0]);
}

/** `value` to `digits` significant digits; arithmetic, about twice as fast as toPrecision's string round trip. */
function significant(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const exponent = digits - 1 - Math.floor(Math.log10(Math.abs(value)));
  // Multiplying or dividing by an exact power of ten, so the result prints without a binary tail.
  return exponent >= 0 ? Math.round(value * 10 ** exponent) / 10 ** exponent : Math.round(value / 10 ** -exponent) * 10 ** -exponent;
}
