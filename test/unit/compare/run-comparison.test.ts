import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseVariants, planRuns } from '../../../daemon/compare/plan';
import { CompareSetupError, prepareComparison } from '../../../daemon/compare/prepare-comparison';
import { readResults } from '../../../daemon/compare/results-file';
import { runComparison, type RunLauncher } from '../../../daemon/compare/run-comparison';
import { baseConfig, DOMAINS, fakeLauncher, SILENT } from './compare-fixtures';
import { tempDir } from '../../helpers/temp-dir';

const dataDir = () => tempDir('ado-compare-');
const request = (dir: string, policies: string, seeds: number, resume = false, base = baseConfig()) => ({
  dataDir: dir,
  name: 'tiny-compare',
  command: 'ado compare tiny.ado.json',
  configFile: '/configs/tiny.ado.json',
  baseConfig: base,
  plan: planRuns(base, parseVariants(policies), seeds),
  resume,
});
/** ADO's prose loss is 0.1 lower, its code loss 0.1 higher; the seed shifts everything by 0.01. */
const losses = (variant: string, seed: number) => (variant === 'ado' ? [1.9, 2.1] : [2.0, 2.0]).map((l) => l + 0.01 * (seed - 7));

test('every metric of every variant and seed lands in results.json, with mean ± std and winners', async () => {
  const comparison = prepareComparison(request(dataDir(), 'ado,natural', 2));
  const launcher = fakeLauncher((run) => ({ losses: losses(run.variant.label, run.seed) }));
  const results = await runComparison(comparison, launcher, SILENT, new AbortController().signal);
  assert.equal(results.status, 'complete');
  assert.deepEqual(readResults(comparison.compareDir), { ...results, updatedAt: readResults(comparison.compareDir).updatedAt });
  assert.deepEqual(results.domains, DOMAINS);
  assert.deepEqual(results.seeds, [7, 8]);
  assert.deepEqual(results.runs.map((r) => [r.variant, r.seed, r.state, r.metrics?.losses]), [
    ['ado', 7, 'completed', [1.9, 2.1]],
    ['natural', 7, 'completed', [2.0, 2.0]],
    ['ado', 8, 'completed', [1.91, 2.11]],
    ['natural', 8, 'completed', [2.01, 2.01]],
  ]);
  const ado = results.summaries.find((s) => s.variant === 'ado')!;
  assert.ok(Math.abs(ado.tokenWeighted.mean - (0.75 * 1.905 + 0.25 * 2.105)) < 1e-12);
  assert.equal(ado.uniform.n, 2);
  assert.deepEqual(results.winners, { uniform: 'ado', tokenWeighted: 'ado', perDomain: ['ado', 'natural'] });
});

test('a failed run stops the comparison; the runs before it are kept', async () => {
  const comparison = prepareComparison(request(dataDir(), 'ado,natural', 2));
  const launcher = fakeLauncher((run) => (run.variant.label === 'natural' ? { state: 'failed', message: 'out of data' } : { losses: [2, 2] }));
  const results = await runComparison(comparison, launcher, SILENT, new AbortController().signal);
  assert.equal(results.status, 'failed');
  assert.equal(launcher.trained.length, 2);
  assert.deepEqual(results.runs.map((r) => [r.variant, r.state, r.message]), [
    ['ado', 'completed', undefined],
    ['natural', 'failed', 'out of data'],
  ]);
});

test('a launcher that throws fails its run instead of leaving the comparison "running"', async () => {
  const comparison = prepareComparison(request(dataDir(), 'ado', 1));
  const launcher = { concurrency: 1, train: async () => Promise.reject(new Error('connection lost')) };
  const results = await runComparison(comparison, launcher, SILENT, new AbortController().signal);
  assert.equal(results.status, 'failed');
  assert.equal(results.runs[0].message, 'connection lost');
});

test('an interrupted comparison resumes with its finished runs, continues the one cut short, and only with the same config', async () => {
  const dir = dataDir();
  const interrupt = new AbortController();
  const first = fakeLauncher((run) => {
    if (run.seed === 8) interrupt.abort();
    return run.seed === 8 ? { state: 'interrupted', message: 'interrupted' } : { losses: losses(run.variant.label, run.seed) };
  });
  const interrupted = await runComparison(prepareComparison(request(dir, 'ado,natural', 2)), first, SILENT, interrupt.signal);
  assert.equal(interrupted.status, 'interrupted');
  assert.equal(first.trained.length, 3);

  assert.throws(() => prepareComparison(request(dir, 'ado,natural', 2)), (error: Error) => error instanceof CompareSetupError && /already exists .*2 of 3 runs finished.*--resume/.test(error.message));
  assert.throws(() => prepareComparison(request(dir, 'ado,natural', 2, true, baseConfig(40))), /trained with another config/);

  const second = fakeLauncher((run) => ({ losses: losses(run.variant.label, run.seed) }));
  const resumed = await runComparison(prepareComparison(request(dir, 'ado,natural', 2, true)), second, SILENT, new AbortController().signal);
  assert.deepEqual(second.trained.map((r) => [r.variant.label, r.seed]), [['ado', 8], ['natural', 8]]);
  const cutShort = interrupted.runs.find((r) => r.variant === 'ado' && r.seed === 8)!;
  assert.deepEqual(second.continued, [{ runId: cutShort.runId, runDir: cutShort.runDir }, undefined], 'the run cut short is continued, the one never started is new');
  assert.equal(resumed.status, 'complete');
  assert.equal(resumed.runs.length, 4);
  assert.equal(resumed.runs.find((r) => r.variant === 'ado' && r.seed === 8)!.runId, cutShort.runId);
});

test('results.json names a run as soon as it starts, so --resume finds it even after a crash', async () => {
  const comparison = prepareComparison(request(dataDir(), 'ado', 1));
  const launcher: RunLauncher = {
    concurrency: 1,
    async train(_run, _earlier, hooks) {
      hooks.started({ runId: 'r1', runDir: '/runs/r1' });
      const written = readResults(comparison.compareDir).runs;
      assert.deepEqual(written.map((r) => [r.runId, r.state]), [['r1', 'running']]);
      throw new Error('the process dies here');
    },
  };
  await runComparison(comparison, launcher, SILENT, new AbortController().signal);
});
