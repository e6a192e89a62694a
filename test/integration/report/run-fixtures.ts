/** Run directories for report tests: a synthetic run of any size, written as a daemon would store it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPARE_RESULTS_FORMAT, COMPARE_RESULTS_VERSION, writeResults, type CompareResults } from '../../../daemon/compare/results-file';
import { withStatistics } from '../../../daemon/compare/run-comparison';
import { createRunDir } from '../../../daemon/runs/create-run-dir';
import { paths } from '../../../daemon/runs/layout';
import { readRunRecord, writeRunRecord } from '../../../daemon/runs/run-record';
import { resolveConfig } from '../../../shared/config';
import type { RunEvent, RunState } from '../../../shared/run-events';
import { domainNames, syntheticRunEvents, type SyntheticRunOptions } from '../../browser/support/synthetic-run';

export function writeRunDir(dataDir: string, name: string, events: Iterable<RunEvent>, state: RunState): string {
  const { runDir } = createRunDir({ dataDir, name, kind: 'train', policy: 'ado', config: {} });
  const lines: string[] = [];
  for (const event of events) lines.push(JSON.stringify(event));
  writeFileSync(paths.events(runDir), lines.length > 0 ? `${lines.join('\n')}\n` : '');
  writeRunRecord(runDir, { ...readRunRecord(runDir), state });
  return runDir;
}

export function syntheticRunDir(dataDir: string, name: string, options: Partial<SyntheticRunOptions> = {}): string {
  return writeRunDir(dataDir, name, syntheticRunEvents({ runId: name, ...options }), 'completed');
}

/** A finished comparison of synthetic runs: `variants` × `seeds`, each run's metrics from its last evaluation. */
export function syntheticCompareDir(dataDir: string, variants: string[], seeds: number[]): string {
  const runs = seeds.flatMap((seed) =>
    variants.map((variant, v) => {
      const events = [...syntheticRunEvents({ runId: `${variant}-${seed}`, steps: 600, domains: 3, seed: seed * 10 + v })].map((e) =>
        e.type === 'meta' ? { ...e, trainTokens: [1_000, 3_000, 6_000] } : e,
      );
      const runDir = writeRunDir(dataDir, `${variant.replace('@', '_')}-s${seed}`, events, 'completed');
      const last = events.filter((e) => e.type === 'eval').pop() as Extract<RunEvent, { type: 'eval' }>;
      return {
        variant,
        seed,
        runId: runDir.split('/').pop()!,
        runDir,
        state: 'completed' as const,
        metrics: { losses: last.losses, uniform: last.uniform + 0.01 * v, tokenWeighted: last.tokenWeighted - 0.01 * v },
        steps: 600,
        tokens: last.tokens,
        elapsedMs: last.elapsedMs,
        finalWeights: null,
        averageWeights: [0.2 + 0.1 * v, 0.3, 0.5 - 0.1 * v],
      };
    }),
  );
  const compareDir = join(dataDir, 'compare', 'synthetic');
  mkdirSync(compareDir, { recursive: true });
  const results: CompareResults = {
    format: COMPARE_RESULTS_FORMAT,
    version: COMPARE_RESULTS_VERSION,
    name: 'synthetic',
    command: `ado compare --policies ${variants.join(',')} --seeds ${seeds.length}`,
    createdAt: 0,
    updatedAt: 0,
    status: 'complete',
    baseConfig: resolveConfig({ version: 1, name: 'synthetic', data: { domains: [{ name: 'a', path: 'a.txt' }] } }),
    configFile: '/configs/synthetic.ado.json',
    variants,
    seeds,
    domains: domainNames(3),
    runs,
    summaries: [],
    winners: null,
  };
  writeResults(compareDir, withStatistics(results, 'complete'));
  return compareDir;
}
