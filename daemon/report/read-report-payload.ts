/** Reads what a report target holds into the payload the page draws. */
import { existsSync } from 'node:fs';
import type { ReportPayload, ReportRun } from '../../media/report/report-payload';
import { readResults } from '../compare/results-file';
import type { ReportTarget } from './report-target';
import { readRunSnapshot } from './run-snapshot';

/**
 * Points per step series: a run's curves stay smooth at any length (60,000 steps × 22 domains
 * included) while the page stays a few hundred kB; a comparison's runs are drawn overlaid at
 * half the width, so each needs fewer.
 */
const RUN_POINTS = 1000;
const COMPARE_RUN_POINTS = 400;

export async function readReportPayload(target: ReportTarget, generator: string): Promise<ReportPayload> {
  const generatedAt = Date.now();
  if (target.kind === 'run') {
    const run = await readRunSnapshot(target.runDir, RUN_POINTS);
    return { title: `ADO Studio report: ${run.summary.name}`, generatedAt, generator, runs: [run], comparison: null };
  }
  const comparison = readResults(target.compareDir);
  const runs: ReportRun[] = [];
  for (const result of comparison.runs) {
    if (result.runDir && existsSync(result.runDir)) runs.push(await readRunSnapshot(result.runDir, COMPARE_RUN_POINTS));
  }
  return { title: `ADO Studio comparison: ${comparison.name}`, generatedAt, generator, runs, comparison };
}
