/**
 * Sets up `<dataDir>/compare/<name>/`: a new comparison, or (with `resume`) an earlier one whose
 * finished runs are reused and whose runs cut short are continued from their last checkpoint.
 * Reuse needs the very same base config, since a run trained on other data or another model would
 * not be comparable; the variants and seeds may change (e.g. a third seed added later), and only
 * runs the new plan contains are kept.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedRunConfig } from '../../shared/config';
import type { PlannedRun } from './plan';
import { COMPARE_RESULTS_FORMAT, COMPARE_RESULTS_VERSION, readResults, resultsFile, type CompareResults } from './results-file';
import { findResult, isFinished, unfinishedRun, withStatistics, type Comparison } from './run-comparison';

export interface ComparisonRequest {
  dataDir: string;
  name: string;
  command: string;
  configFile: string;
  baseConfig: ResolvedRunConfig;
  plan: PlannedRun[];
  resume: boolean;
}

export class CompareSetupError extends Error {}

export function compareDir(dataDir: string, name: string): string {
  return join(dataDir, 'compare', name);
}

export function prepareComparison(request: ComparisonRequest): Comparison {
  const dir = compareDir(request.dataDir, request.name);
  const fresh = freshResults(request);
  if (!existsSync(resultsFile(dir))) {
    mkdirSync(dir, { recursive: true });
    return { compareDir: dir, plan: request.plan, results: fresh };
  }
  const earlier = readResults(dir);
  const finished = earlier.runs.filter(isFinished).length;
  if (!request.resume) {
    throw new CompareSetupError(
      `a comparison named "${request.name}" already exists in ${dir} (${finished} of ${earlier.runs.length} runs finished); add --resume to continue it, or pick another --name`,
    );
  }
  if (canonicalJson(earlier.baseConfig) !== canonicalJson(request.baseConfig)) {
    throw new CompareSetupError(
      `cannot resume "${request.name}": its runs were trained with another config (${earlier.configFile}); pick another --name for this config`,
    );
  }
  const reused = request.plan.flatMap((run) => {
    const result = findResult(earlier, run);
    return result && (isFinished(result) || unfinishedRun(result)) ? [result] : [];
  });
  return { compareDir: dir, plan: request.plan, results: withStatistics({ ...fresh, createdAt: earlier.createdAt, runs: reused }, 'running') };
}

function freshResults(request: ComparisonRequest): CompareResults {
  const now = Date.now();
  return {
    format: COMPARE_RESULTS_FORMAT,
    version: COMPARE_RESULTS_VERSION,
    name: request.name,
    command: request.command,
    createdAt: now,
    updatedAt: now,
    status: 'running',
    baseConfig: request.baseConfig,
    configFile: request.configFile,
    variants: [...new Set(request.plan.map((run) => run.variant.label))],
    seeds: [...new Set(request.plan.map((run) => run.seed))],
    domains: [],
    runs: [],
    summaries: [],
    winners: null,
  };
}

/** JSON with sorted keys, so two equal configs compare equal whatever order their keys were written in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
