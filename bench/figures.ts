/**
 * How a benchmark hands its headline figures to `npm run bench` (bench/all.bench.ts): one JSON line
 * per figure appended to the file named by $ADO_BENCH_FIGURES. Run on its own, a benchmark only
 * prints its usual report and this does nothing.
 */
import { appendFileSync } from 'node:fs';

export interface Figure {
  /** What was measured, e.g. "fast refit, 22 domains × 5,900 points". */
  what: string;
  value: string;
}

export function reportFigure(bench: string, what: string, value: string): void {
  const file = process.env.ADO_BENCH_FIGURES;
  if (file) appendFileSync(file, JSON.stringify({ bench, what, value }) + '\n');
}
