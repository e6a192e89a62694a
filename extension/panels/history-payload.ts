/**
 * A run's history as the dashboard page needs it, under half the daemon's answer for a long run:
 * the history crosses the host–webview bridge as JSON (in code-server, over the network), and its
 * size is most of the time the first render waits for.
 *  - Only the newest fit keeps its observed points: the page draws no other fit's points.
 *  - Step metrics are bucket means printed with 17 significant digits; six decimals are far below
 *    what a chart or a four-digit label shows, and half the characters.
 */
import type { RunEvent } from '../../shared/run-events';
import type { RunHistory } from '../../media/charts/run-data';

const DECIMALS = 1e6;

export function historyPayload(history: RunHistory): RunHistory {
  const newestFit = history.fits[history.fits.length - 1];
  const { steps } = history;
  return {
    ...history,
    fits: history.fits.map((fit) => (fit === newestFit ? fit : withoutPoints(fit))),
    steps: {
      ...steps,
      loss: rounded(steps.loss),
      domainLosses: steps.domainLosses.map(rounded),
      weights: steps.weights.map(rounded),
      ...(steps.epochs ? { epochs: steps.epochs.map(rounded) } : {}),
    },
  };
}

function withoutPoints(event: RunEvent): RunEvent {
  return event.type === 'fit' ? { ...event, points: { n: [], loss: [] } } : event;
}

function rounded<T extends number | null>(values: T[]): T[] {
  return values.map((value) => (value === null ? value : Math.round(value * DECIMALS) / DECIMALS) as T);
}
