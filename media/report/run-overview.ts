/**
 * A run at a glance: what it is, how far it got, and per domain the prior, the final and average
 * weights, the epochs consumed and the final validation loss. A run with nothing to draw yet says
 * so here, once, instead of leaving the reader to wonder at blank charts.
 */
import { runEmptyMessage } from '../charts/empty-states';
import { formatCount, formatDuration, formatLoss, formatPercent } from '../charts/format';
import { EvalColumns, type RunData } from '../charts/run-data';
import { element } from '../shared/dom';
import type { ReportRun } from './report-payload';
import { table, type Cell } from './table';

export function runOverview(run: RunData, report: ReportRun): HTMLElement {
  const empty = runEmptyMessage(run);
  return element('div', { className: 'overview' }, [
    element('p', { className: 'facts', text: facts(run, report) }),
    empty !== null && element('p', { className: 'notice', attributes: { role: 'status' }, text: `No data yet. ${empty}` }),
    run.meta && domainTable(run),
    report.warnings.length > 0 &&
      element('details', { className: 'warnings' }, [
        element('summary', { text: `${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}` }),
        element('ul', {}, report.warnings.map((message) => element('li', { text: message }))),
      ]),
  ]);
}

function facts(run: RunData, report: ReportRun): string {
  const { summary, result } = report;
  const meta = run.meta;
  const steps = summary.totalSteps ? `${formatCount(trainedSteps(run, report))} of ${formatCount(summary.totalSteps)} steps` : `${formatCount(trainedSteps(run, report))} steps`;
  const parts = [
    `policy ${summary.policy}`,
    summary.state,
    steps,
    result && `${formatCount(result.tokens)} tokens in ${formatDuration(result.elapsedMs)} (${formatCount(result.tokensPerSecond)} tokens/s)`,
    meta?.parameters && `${formatCount(meta.parameters)} parameters`,
    meta?.backend && `${meta.backend} backend`,
    summary.message,
  ];
  return parts.filter(Boolean).join(' · ');
}

function trainedSteps(run: RunData, report: ReportRun): number {
  if (report.result) return report.result.step + 1;
  return run.steps && run.steps.rows > 0 ? report.summary.step + 1 : 0;
}

function domainTable(run: RunData): HTMLElement {
  const validation = finalValidation(run);
  const prior = run.meta?.prior ?? [];
  const final = run.result?.finalWeights ?? run.latestWeights ?? [];
  const average = run.result?.averageWeights ?? [];
  const header = ['domain', 'prior', 'final weight', 'average weight', 'epochs', 'validation loss'];
  const rows: Cell[][] = run.domains.map((domain, k) => [
    domain,
    formatPercent(prior[k]),
    formatPercent(final[k]),
    formatPercent(average[k]),
    formatEpochs(run.steps?.last(run.stepColumns.epochs(k)) ?? NaN),
    formatLoss(validation?.losses[k] ?? NaN),
  ]);
  if (validation) {
    rows.push([{ text: 'uniform average', className: 'aggregate' }, '', '', '', '', formatLoss(validation.uniform)]);
    rows.push([{ text: 'token-weighted average', className: 'aggregate' }, '', '', '', '', formatLoss(validation.tokenWeighted)]);
  }
  return table(header, rows);
}

function formatEpochs(epochs: number): string {
  return Number.isFinite(epochs) ? epochs.toFixed(2) : '–';
}

/** The summary's final evaluation, or the newest periodic one of a run that has not ended. */
function finalValidation(run: RunData): { losses: number[]; uniform: number; tokenWeighted: number } | null {
  if (run.result?.validation) return run.result.validation;
  const evals = run.evals;
  if (!evals || evals.rows === 0) return null;
  return {
    losses: run.domains.map((_, k) => evals.last(run.evalColumns.loss(k))),
    uniform: evals.last(EvalColumns.uniform),
    tokenWeighted: evals.last(EvalColumns.tokenWeighted),
  };
}
