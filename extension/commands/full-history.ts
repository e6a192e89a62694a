/**
 * A run's whole history at one point per step, for Export Metrics. One runs.history answer holds
 * at most MAX_HISTORY_POINTS points, so a longer run is asked for in step ranges of that many,
 * joined here in order.
 */
import { MAX_HISTORY_POINTS, type RequestParams, type RequestResults, type StepHistory } from '../../shared/protocol';

type History = RequestResults['runs.history'];

export async function fullHistory(request: (params: RequestParams<'runs.history'>) => Promise<History>, runId: string, lastStep: number): Promise<History> {
  const pages: History[] = [];
  for (let fromStep = 0; fromStep <= lastStep; fromStep += MAX_HISTORY_POINTS) {
    pages.push(await request({ runId, fromStep, toStep: fromStep + MAX_HISTORY_POINTS - 1, maxPoints: MAX_HISTORY_POINTS }));
  }
  const newest = pages[pages.length - 1];
  return {
    steps: joinSteps(pages.map((page) => page.steps)),
    evals: pages.flatMap((page) => page.evals),
    fits: pages.flatMap((page) => page.fits),
    // The same in every page: the run's meta event and its newest samples.
    meta: newest.meta,
    ...(newest.samples ? { samples: newest.samples } : {}),
  };
}

function joinSteps(pages: StepHistory[]): StepHistory {
  const points = <T>(column: (steps: StepHistory) => T[]) => pages.flatMap(column);
  const perDomain = <T>(column: (steps: StepHistory) => T[][]) => column(pages[0]).map((_, k) => pages.flatMap((steps) => column(steps)[k]));
  const steps: StepHistory = {
    step: points((s) => s.step),
    tokens: points((s) => s.tokens),
    elapsedMs: points((s) => s.elapsedMs),
    loss: points((s) => s.loss),
    domainLosses: perDomain((s) => s.domainLosses),
    weights: perDomain((s) => s.weights),
  };
  if (pages[0].epochs) steps.epochs = perDomain((s) => s.epochs!);
  return steps;
}
