/** The mixture history as CSV: one row per bucket, one column per domain's weight. */
import { toCsv } from './csv';
import { X_COLUMNS, type RunData } from './run-data';

export function weightsCsv(run: RunData): string {
  const table = run.steps;
  const header = ['step', 'tokens', 'elapsed_ms', ...run.domains.map((domain) => `weight:${domain}`)];
  if (!table) return toCsv(header, []);
  const rows = Array.from({ length: table.rows }, (_, row) => [
    table.value(X_COLUMNS.step, row),
    table.value(X_COLUMNS.tokens, row),
    table.value(X_COLUMNS.elapsedMs, row),
    ...run.domains.map((_, k) => table.value(run.stepColumns.weight(k), row)),
  ]);
  return toCsv(header, rows);
}
