/**
 * `ado compare` end to end on a tiny config (three small domains, a one-layer model, 40 cpu steps):
 * every metric of every policy and seed in results.json, the table, the report of the compare
 * dir, and Ctrl-C: `--resume` keeps the finished runs and continues the interrupted one from its checkpoint.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResults } from '../../../daemon/compare/results-file';
import { readRunRecord } from '../../../daemon/runs/run-record';
import type { ResolvedRunConfig } from '../../../shared/config';
import type { RunEvent, StepEvent } from '../../../shared/run-events';
import { waitFor } from '../daemon/harness';
import { killBeforeRemoval, tempDir } from '../../helpers/temp-dir';

const ado = join(__dirname, '..', '..', '..', 'bin', 'ado.js');
const config = join(__dirname, 'fixtures', 'tiny-compare.ado.json');
const dataDir = () => tempDir('ado-compare-cli-');
const compare = (dir: string, ...args: string[]) => spawnSync(process.execPath, [ado, 'compare', config, '--data-dir', dir, ...args], { encoding: 'utf8' });

test('two policies × two seeds: every validation metric of every run in results.json, a table, and a report', () => {
  const dir = dataDir();
  const r = compare(dir, '--policies', 'ado,natural', '--seeds', '2');
  assert.equal(r.status, 0, r.stderr);
  const compareDir = join(dir, 'compare', 'tiny-compare');
  const results = readResults(compareDir);
  assert.equal(results.status, 'complete');
  assert.deepEqual(results.variants, ['ado', 'natural']);
  assert.deepEqual(results.seeds, [5, 6]);
  assert.deepEqual(results.domains, ['alpha', 'beta', 'gamma']);
  assert.equal(results.baseConfig.data.domains?.[0].path, join(__dirname, '..', 'daemon', 'fixtures', 'corpus', 'alpha.txt'), 'paths are absolute');
  assert.deepEqual(results.runs.map((run) => [run.variant, run.seed]), [['ado', 5], ['natural', 5], ['ado', 6], ['natural', 6]]);
  for (const run of results.runs) {
    assert.equal(run.state, 'completed');
    assert.equal(run.steps, 40);
    assert.equal(run.metrics?.losses.length, 3);
    assert.ok([...run.metrics!.losses, run.metrics!.uniform, run.metrics!.tokenWeighted].every((loss) => loss > 0 && loss < 10));
    assert.ok(Math.abs(run.metrics!.uniform - run.metrics!.losses.reduce((a, b) => a + b) / 3) < 1e-6);
    assert.equal(readRunRecord(run.runDir!).state, 'completed', 'each run is a normal run directory');
  }
  const seeds = new Set(results.runs.filter((run) => run.variant === 'ado').map((run) => run.metrics!.uniform));
  assert.equal(seeds.size, 2, 'different seeds train differently');
  for (const summary of results.summaries) assert.deepEqual([summary.uniform.n, summary.tokenWeighted.n, summary.perDomain.length], [2, 2, 3]);
  assert.ok(results.winners && ['ado', 'natural'].includes(results.winners.uniform));
  assert.match(r.stdout, /policy\s+uniform avg\s+token-weighted\s+alpha\s+beta\s+gamma/);
  assert.match(r.stdout, /mean ± std over 2 seeds/);
  assert.match(r.stdout, new RegExp(`Report: ado report ${compareDir}`));

  const report = spawnSync(process.execPath, [ado, 'report', 'tiny-compare', '--data-dir', dir], { encoding: 'utf8' });
  assert.equal(report.status, 0, report.stderr);
  assert.ok(existsSync(join(compareDir, 'report.html')));

  const again = compare(dir, '--policies', 'ado,natural', '--seeds', '2');
  assert.equal(again.status, 1);
  assert.match(again.stderr, /a comparison named "tiny-compare" already exists .* \(4 of 4 runs finished\); add --resume to continue it/);
});

/** A run directory's events so far (none while it does not exist; a line being written is left out). */
function eventsLogged(runDir: string | undefined): RunEvent[] {
  if (!runDir || !existsSync(join(runDir, 'events.jsonl'))) return [];
  const lines = readFileSync(join(runDir, 'events.jsonl'), 'utf8').split('\n').filter((line) => line.endsWith('}'));
  return lines.map((line) => JSON.parse(line) as RunEvent);
}

const stepsOf = (events: RunEvent[]) => events.filter((e): e is RunEvent & StepEvent => e.type === 'step');

test('Ctrl-C mid-run keeps the finished runs, and --resume continues the interrupted one from its checkpoint', async () => {
  const dir = dataDir();
  const child = spawn(process.execPath, [ado, 'compare', config, '--data-dir', dir, '--policies', 'natural,balanced', '--seeds', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  killBeforeRemoval(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  const balancedDir = () => (existsSync(join(dir, 'runs')) ? readdirSync(join(dir, 'runs')).find((name) => name.includes('balanced')) : undefined);
  await waitFor(() => stepsOf(eventsLogged(balancedDir() && join(dir, 'runs', balancedDir()!))).some((e) => e.step >= 15), 'run 2 to train 15 steps', 60_000);
  child.kill('SIGINT');
  assert.equal(await exited, 130, stderr);
  const compareDir = join(dir, 'compare', 'tiny-compare');
  const partial = readResults(compareDir);
  assert.equal(partial.status, 'interrupted');
  assert.deepEqual(partial.runs.map((run) => [run.variant, run.state]), [['natural', 'completed'], ['balanced', 'interrupted']]);
  const interruptedDir = partial.runs[1].runDir!;
  assert.equal(readRunRecord(interruptedDir).state, 'interrupted');

  const resumed = compare(dir, '--policies', 'natural,balanced', '--seeds', '1', '--resume');
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.doesNotMatch(resumed.stderr, /natural seed 5: started/, 'the finished run is reused');
  assert.match(resumed.stderr, /balanced seed 5: continued at step \d+\/40/);
  const results = readResults(compareDir);
  assert.equal(results.status, 'complete');
  assert.equal(results.runs[0].runId, partial.runs[0].runId);
  assert.deepEqual([results.runs[1].runId, results.runs[1].runDir], [partial.runs[1].runId, interruptedDir], 'the same run, continued');
  assert.equal(results.runs[1].steps, 40);
  assert.equal(results.runs[1].metrics?.losses.length, 3);

  const log = eventsLogged(interruptedDir);
  const resumedAt = log.map((e) => e.type === 'state' && e.state === 'running').lastIndexOf(true);
  const lastCheckpoint = log.slice(0, resumedAt).filter((e) => e.type === 'checkpoint').at(-1) as RunEvent & { step: number };
  const after = stepsOf(log.slice(resumedAt));
  assert.ok(lastCheckpoint.step >= 15, `checkpointed when interrupted (step ${lastCheckpoint.step})`);
  assert.equal(after[0].step, lastCheckpoint.step + 1, 'the continued run starts right after its checkpoint, not from step 0');
  assert.equal(after.at(-1)!.step, 39);
});

test('ado:<file> trains ADO with the file\'s settings beside the paper\'s ADO', () => {
  const dir = dataDir();
  const settings = join(dir, 'own-steps.json');
  writeFileSync(settings, '// per-domain sample counts\n{ "sameStepSize": false }\n');
  const r = compare(dir, '--policies', `ado,ado:${settings}`, '--seeds', '1');
  assert.equal(r.status, 0, r.stderr);
  const results = readResults(join(dir, 'compare', 'tiny-compare'));
  assert.deepEqual(results.variants, ['ado', `ado:${settings}`]);
  const configs = results.runs.map((run) => JSON.parse(readFileSync(join(run.runDir!, 'config.json'), 'utf8')) as ResolvedRunConfig);
  assert.deepEqual(configs.map((c) => [c.name, c.mixture.policy, c.mixture.ado.sameStepSize]), [
    ['tiny-ado-s5', 'ado', true],
    ['tiny-ado-own-steps-s5', 'ado', false],
  ]);
  assert.notEqual(results.runs[0].metrics!.uniform, results.runs[1].metrics!.uniform, 'the setting changed the training');
});

test('mistakes are caught before anything trains', () => {
  const dir = dataDir();
  writeFileSync(join(dir, 'broken.json'), '{\n  "sameStepSize": false,,\n}');
  assert.match(compare(dir, '--policies', `ado:${join(dir, 'broken.json')}`).stderr, /^ado: .*broken\.json:2:25: invalid JSON, expected a quoted key/);
  writeFileSync(join(dir, 'unknown.json'), '{ "sameStepSize": "no", "gama1": 0.2 }');
  const unknown = compare(dir, '--policies', `ado:${join(dir, 'unknown.json')}`).stderr;
  assert.match(unknown, /^ado: policy "ado:.*unknown\.json" makes the config invalid \(settings from .*unknown\.json\): /);
  assert.match(unknown, /mixture\.ado\.sameStepSize: /);
  assert.match(unknown, /gama1/);
  assert.match(compare(dir, '--policies', 'ado,doremi').stderr, /^ado: unknown policy "doremi"/);
  assert.match(compare(dir, '--seeds', '0').stderr, /^ado: --seeds must be a whole number ≥ 1, got "0"/);
  assert.match(compare(dir, '--policies', 'fixed:/no/such/weights.json').stderr, /^ado: fixed-weights file not found: \/no\/such\/weights\.json/);
  assert.match(compare(dir, '--name', '../elsewhere').stderr, /^ado: --name "\.\.\/elsewhere": use up to 64 letters, digits/);
  assert.ok(!existsSync(join(dir, 'runs')));
});
