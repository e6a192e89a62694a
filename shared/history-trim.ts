/**
 * runs.history's `fitPoints` and `digits`: a history cut to what a chart draws. The daemon applies
 * it while it writes the answer (a 60,000-step × 22-domain history shrinks from 3.4 MB to under
 * 1 MB of JSON, which every hop to a webview parses and copies again); a client talking to a daemon
 * without the "history-trim" capability applies it to the full answer.
 */
import type { RequestParams, RequestResults, StepHistory } from './protocol';
import type { RunEvent } from './run-events';

export type HistoryTrim = Pick<RequestParams<'runs.history'>, 'fitPoints' | 'digits'>;
type History = RequestResults['runs.history'];

/** The x columns (step, tokens, time) stay exact: live steps are matched against them. */
export const EXACT_STEP_COLUMNS: readonly (keyof StepHistory)[] = ['step', 'tokens', 'elapsedMs'];

export function trimHistory(history: History, { fitPoints = 'all', digits }: HistoryTrim): History {
  return { ...history, fits: trimFits(history.fits, fitPoints), steps: digits === undefined ? history.steps : roundedSteps(history.steps, digits) };
}

/** With "newest", every fit but the newest loses its observed points. */
export function trimFits(fits: RunEvent[], fitPoints: HistoryTrim['fitPoints'] = 'all'): RunEvent[] {
  const newest = fits[fits.length - 1];
  return fitPoints === 'newest' ? fits.map((fit) => (fit === newest ? fit : withoutPoints(fit))) : fits;
}

/** `values` to `digits` significant digits (nulls stay null). */
export function roundValues<T extends number | null>(values: T[], digits: number): T[] {
  return values.map((value) => (value === null ? value : significant(value, digits)) as T);
}

function withoutPoints(event: RunEvent): RunEvent {
  return event.type === 'fit' ? { ...event, points: { n: [], loss: [] } } : event;
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
