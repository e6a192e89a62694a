/**
 * `<dataDir>/compare/<name>/results.json`: everything a comparison decided and measured, rewritten
 * (atomically) after every run so that an interrupted comparison keeps what it finished and a
 * re-invocation with `--resume` can pick it up. `ado report` draws a compare dir from this file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedRunConfig } from '../../shared/config';
import type { RunState } from '../../shared/run-events';
import { writeJsonAtomic } from '../util/atomic-write';
import type { VariantSummary, Winners } from './aggregate';

export const COMPARE_RESULTS_FORMAT = 'ado-compare-results';
export const COMPARE_RESULTS_VERSION = 1;
export const RESULTS_FILE = 'results.json';

export interface ValidationMetrics {
  /** Validation loss per domain (nats/token), in the order of `domains`. */
  losses: number[];
  uniform: number;
  tokenWeighted: number;
}

export interface CompareRunResult {
  variant: string;
  seed: number;
  runId: string;
  /** Null when the run lives on a remote daemon whose data dir this machine cannot see. */
  runDir: string | null;
  state: RunState;
  message?: string;
  /** Present once the run completed with a validation loss. */
  metrics: ValidationMetrics | null;
  steps: number;
  tokens: number;
  elapsedMs: number;
  finalWeights: number[] | null;
  averageWeights: number[] | null;
}

export type CompareStatus = 'running' | 'complete' | 'interrupted' | 'failed';

export interface CompareResults {
  format: typeof COMPARE_RESULTS_FORMAT;
  version: number;
  name: string;
  /** The command line that produced the file, for the write-up. */
  command: string;
  createdAt: number;
  updatedAt: number;
  status: CompareStatus;
  /** The config every variant starts from (paths absolute), and the file it came from. */
  baseConfig: ResolvedRunConfig;
  configFile: string;
  variants: string[];
  seeds: number[];
  domains: string[];
  runs: CompareRunResult[];
  /** Over the runs with metrics; variants without any are left out. */
  summaries: VariantSummary[];
  winners: Winners | null;
}

export class CompareResultsError extends Error {}

export function resultsFile(compareDir: string): string {
  return join(compareDir, RESULTS_FILE);
}

export function writeResults(compareDir: string, results: CompareResults): void {
  writeJsonAtomic(resultsFile(compareDir), { ...results, updatedAt: Date.now() });
}

export function readResults(compareDir: string): CompareResults {
  const file = resultsFile(compareDir);
  let value: Partial<CompareResults>;
  try {
    value = JSON.parse(readFileSync(file, 'utf8')) as Partial<CompareResults>;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it is missing' : 'it is not valid JSON';
    throw new CompareResultsError(`${file}: cannot read the comparison results (${reason})`);
  }
  if (value?.format !== COMPARE_RESULTS_FORMAT) throw new CompareResultsError(`${file}: not a comparison results file ("format" must be "${COMPARE_RESULTS_FORMAT}")`);
  if (typeof value.version !== 'number' || value.version > COMPARE_RESULTS_VERSION) {
    throw new CompareResultsError(`${file}: results format version ${value.version} is newer than this build reads (${COMPARE_RESULTS_VERSION}); upgrade ADO Studio`);
  }
  if (!Array.isArray(value.runs) || !Array.isArray(value.variants) || !Array.isArray(value.domains)) {
    throw new CompareResultsError(`${file}: "runs", "variants" and "domains" must be arrays; the file is damaged`);
  }
  return value as CompareResults;
}
