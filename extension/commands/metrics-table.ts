/**
 * A run's history (`runs.history`) as one table: a row per step point, with the training loss,
 * each domain's loss and weight, and the validation losses on the rows of evaluation steps.
 */
import type { CsvCell } from '../../media/charts/csv';
import type { RequestResults } from '../../shared/protocol';

type History = RequestResults['runs.history'];

export interface MetricsTable {
  header: string[];
  rows: CsvCell[][];
}

export function metricsTable({ steps, evals, meta }: History): MetricsTable {
  const domains = meta?.type === 'meta' ? meta.domains : steps.weights.map((_, i) => `domain ${i + 1}`);
  const perDomain = (prefix: string) => domains.map((d) => `${prefix}:${d}`);
  const header = [
    'step', 'tokens', 'elapsed_ms', 'train_loss', ...perDomain('train_loss'), ...perDomain('weight'),
    ...(steps.epochs ? perDomain('epochs') : []),
    'val_loss_uniform', 'val_loss_token_weighted', ...perDomain('val_loss'),
  ];
  const blank = (n: number): CsvCell[] => Array.from({ length: n }, () => null);
  const trainingWidth = 4 + domains.length * (steps.epochs ? 3 : 2);
  const rows = new Map<number, CsvCell[]>();
  steps.step.forEach((step, i) => {
    rows.set(step, [
      step, steps.tokens[i], steps.elapsedMs[i], steps.loss[i],
      ...steps.domainLosses.map((series) => series[i]),
      ...steps.weights.map((series) => series[i]),
      ...(steps.epochs?.map((series) => series[i]) ?? []),
      ...blank(2 + domains.length),
    ]);
  });
  for (const event of evals) {
    if (event.type !== 'eval') continue;
    const row = rows.get(event.step) ?? [event.step, event.tokens, event.elapsedMs, ...blank(trainingWidth - 3), ...blank(2 + domains.length)];
    row.splice(trainingWidth, 2 + domains.length, event.uniform, event.tokenWeighted, ...event.losses);
    rows.set(event.step, row);
  }
  return { header, rows: [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row) };
}
