/** The table `ado train` prints at the end of a run. Pure: events in, text out. */
import type { MetaEvent, SummaryEvent } from '../../shared/run-events';
import { compactNumber, duration, percent } from './progress-format';

export interface SummaryInput {
  runId: string;
  runDir: string;
  meta: MetaEvent;
  summary: SummaryEvent;
  /** Epochs of each domain consumed by the end (from the last step event). */
  epochs?: number[];
}

export function formatSummary({ runId, runDir, meta, summary, epochs }: SummaryInput): string {
  const steps = summary.step + 1;
  const header = `Run ${runId} completed: ${steps.toLocaleString('en-US')} steps, ${compactNumber(summary.tokens)} tokens in ${duration(summary.elapsedMs)} (${Math.round(summary.tokensPerSecond).toLocaleString('en-US')} tokens/s on ${meta.backend ?? 'unknown backend'}), policy ${meta.policy}`;
  const columns = ['domain', 'val loss', 'prior', 'final', 'average', ...(epochs ? ['epochs'] : [])];
  const rows = meta.domains.map((name, k) => [
    name,
    summary.validation ? summary.validation.losses[k].toFixed(3) : '—',
    percent(meta.prior[k]),
    percent(summary.finalWeights[k]),
    percent(summary.averageWeights[k]),
    ...(epochs ? [epochs[k].toFixed(2)] : []),
  ]);
  const averages = summary.validation
    ? [
        ['uniform average', summary.validation.uniform.toFixed(3)],
        ['token-weighted', summary.validation.tokenWeighted.toFixed(3)],
      ]
    : [];
  const rowsWithAverages = [...rows, ...averages.map((r) => [...r, ...columns.slice(2).map(() => '')])];
  return [header, '', table(columns, rowsWithAverages), '', `Run directory: ${runDir}`, `HTML report:   ado report ${runDir}`, ''].join('\n');
}

/** The same facts as formatSummary, for `ado train --json`. */
export function summaryJson({ runId, runDir, meta, summary, epochs }: SummaryInput) {
  return {
    status: 'completed' as const,
    runId,
    runDir,
    policy: meta.policy,
    backend: meta.backend,
    steps: summary.step + 1,
    tokens: summary.tokens,
    elapsedMs: Math.round(summary.elapsedMs),
    tokensPerSecond: summary.tokensPerSecond,
    validation: summary.validation && { uniform: summary.validation.uniform, tokenWeighted: summary.validation.tokenWeighted },
    domains: meta.domains.map((name, k) => ({
      name,
      validationLoss: summary.validation?.losses[k] ?? null,
      prior: meta.prior[k],
      finalWeight: summary.finalWeights[k],
      averageWeight: summary.averageWeights[k],
      ...(epochs ? { epochs: epochs[k] } : {}),
    })),
  };
}

/** Left-aligned first column, right-aligned numbers, a rule under the header. */
function table(columns: string[], rows: string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [line(columns), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
