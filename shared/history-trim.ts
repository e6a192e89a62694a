/**
 * runs.history's `fitPoints` and `digits`: a history cut to what a chart draws. The daemon applies
 * it before sending (a 60,000-step × 22-domain history shrinks from 3.4 MB to under 1 MB of JSON,
 * which every hop to a webview parses and copies again); a client talking to a daemon without the
 * "history-trim" capability applies it to the full answer.
 */
import type { RequestParams, RequestResults, StepHistory } from './protocol';
import type { RunEvent } from './run-events';

export type HistoryTrim = Pick<RequestParams<'runs.history'>, 'fitPoints' | 'digits'>;
type History = RequestResults['runs.history'];

export function trimHistory(history: History, { fitPoints = 'all', digits }: HistoryTrim): History {
  const newestFit = history.fits[history.fits.length - 1];
  return {
    ...history,
    fits: fitPoints === 'newest' ? history.fits.map((fit) => (fit === newestFit ? fit : withoutPoints(fit))) : history.fits,
    steps: digits === undefined ? history.steps : roundedSteps(history.steps, digits),
  };
}

function withoutPoints(event: RunEvent): RunEvent {
  return event.type === 'fit' ? { ...event, points: { n: [], loss: [] } } : event;
}

/** The x columns (step, tokens, time) stay exact: live steps are matched against them. */
function roundedSteps(steps: StepHistory, digits: number): StepHistory {
  const round = <T extends number | null>(values: T[]): T[] => values.map((value) => (value === null ? value : significant(value, digits)) as T);
  return {
    ...steps,
    loss: round(steps.loss),
    domainLosses: steps.domainLosses.map(round),
    weights: steps.weights.map(round),
    ...(steps.epochs ? { epochs: steps.epochs.map(round) } : {}),
  };
}

/** `value` to `digits` significant digits; arithmetic, about twice as fast as toPrecision's string round trip. */
function significant(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const exponent = digits - 1 - Math.floor(Math.log10(Math.abs(value)));
  // Multiplying or dividing by an exact power of ten, so the result prints without a binary tail.
  return exponent >= 0 ? Math.round(value * 10 ** exponent) / 10 ** exponent : Math.round(value / 10 ** -exponent) * 10 ** -exponent;
}
