/**
 * `ado train` as users run it: the built CLI in its own process, a temporary data dir, the tiny
 * fixture config. Needs `npm run build` first (npm test does it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent } from '../../../shared/run-events';
import { killBeforeRemoval, tempDir } from '../../helpers/temp-dir';

const ado = join(__dirname, '..', '..', '..', 'bin', 'ado.js');
const fixtures = join(__dirname, 'fixtures');

function dataDir(): string {
  return tempDir('ado-train-cli-');
}

/** A copy of the fixture config (beside its data) with `edit` applied to its text. */
function config(edit: (text: string) => string = (t) => t): string {
  const folder = tempDir('ado-train-config-');
  for (const file of ['counting.txt', 'prose.txt']) copyFileSync(join(fixtures, file), join(folder, file));
  const file = join(folder, 'tiny.ado.json');
  writeFileSync(file, edit(readFileSync(join(fixtures, 'tiny.ado.json'), 'utf8')));
  return file;
}

function train(args: string[], data: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [ado, 'train', ...args, '--data-dir', data], { encoding: 'utf8', env: { ...process.env, ADO_DATA_DIR: data } });
}

function runDirs(data: string): string[] {
  const runs = join(data, 'runs');
  return existsSync(runs) ? readdirSync(runs).map((id) => join(runs, id)) : [];
}

function events(runDir: string): RunEvent[] {
  return readFileSync(join(runDir, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RunEvent);
}

test('a tiny run completes: exit 0, a summary table, and a run directory like the daemon writes', () => {
  const data = dataDir();
  const r = train([config()], data);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /tiny\.ado\.json:\d+:\d+ warning/);
  assert.match(r.stdout, /Run tiny-\S+ completed: 40 steps/);
  assert.match(r.stdout, /counting\s+\d+\.\d{3}\s+[\d.]+%\s+[\d.]+%\s+[\d.]+%/);
  assert.match(r.stdout, /uniform average\s+\d+\.\d{3}/);
  const [runDir] = runDirs(data);
  assert.match(r.stdout, new RegExp(`Run directory: ${runDir}`));
  assert.equal(JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')).state, 'completed');
  const stored = JSON.parse(readFileSync(join(runDir, 'config.json'), 'utf8'));
  assert.ok(stored.data.domains.every((d: { path: string }) => d.path.startsWith('/')), 'data paths are absolute');
  const log = events(runDir);
  assert.deepEqual(log.map((e) => e.seq), log.map((_, i) => i + 1));
  assert.equal(log.filter((e) => e.type === 'step').length, 40);
  assert.ok(log.some((e) => e.type === 'fit'), 'ADO refitted');
  assert.ok(log.some((e) => e.type === 'summary'));
  assert.deepEqual(log.filter((e) => e.type === 'state').map((e) => (e as { state: string }).state), ['created', 'running', 'completed']);
  assert.equal(readFileSync(join(runDir, 'checkpoints', 'latest'), 'utf8').trim(), 'step-00000040');
});

test('--json prints one parseable summary on stdout', () => {
  const r = train([config(), '--json', '--steps', '12'], dataDir());
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.status, 'completed');
  assert.equal(summary.steps, 12);
  assert.deepEqual(summary.domains.map((d: { name: string }) => d.name), ['counting', 'prose']);
  assert.ok(summary.validation.uniform > 0);
});

test('a config with errors exits 1 and prints its diagnostics', () => {
  const data = dataDir();
  const r = train([config((t) => t.replace('"layers": 1', '"layers": 0'))], data);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /tiny\.ado\.json:\d+:\d+ error .*model\.layers/);
  assert.match(r.stderr, /has 1 error/);
  assert.deepEqual(runDirs(data), []);
});

test('an unavailable explicit backend exits 1 and says why, without falling back', () => {
  const r = train([config(), '--backend', 'tensorflow'], dataDir());
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ado: backend "tensorflow" is not available: @tensorflow\/tfjs-node-gpu is not installed/);
  assert.doesNotMatch(r.stdout, /completed/);
});

test('bad usage exits 2', () => {
  assert.equal(train([config(), '--steps', 'many'], dataDir()).status, 2);
  assert.equal(train([config(), '--backend', 'gpu'], dataDir()).status, 2);
  assert.equal(train([config(), '--resume', 'x'], dataDir()).status, 2);
});

test('a diverging run exits 3 and names the step', () => {
  const r = train([config((t) => t.replace('"learningRate": 0.01', '"learningRate": 1e6').replace('"warmupSteps": 4', '"warmupSteps": 0'))], dataDir());
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /training diverged: the training loss became (NaN|-?Infinity) at step \d+/);
});

test('Ctrl-C checkpoints and exits 130; --resume finishes the run', async () => {
  const data = dataDir();
  const child = spawn(process.execPath, [ado, 'train', config((t) => t.replace('"steps": 40', '"steps": 80')), '--data-dir', data], { stdio: ['ignore', 'pipe', 'pipe'] });
  killBeforeRemoval(child);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  // Interrupt once training has begun (a step is in the log).
  while (!runDirs(data).some((dir) => existsSync(join(dir, 'events.jsonl')) && events(dir).some((e) => e.type === 'step'))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGINT');
  assert.equal(await exited, 130, stderr);
  const [runDir] = runDirs(data);
  const id = runDir.split('/').pop()!;
  assert.match(stderr, new RegExp(`Resume with: ado train --resume ${id}`));
  assert.equal(JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')).state, 'paused');
  assert.ok(existsSync(join(runDir, 'checkpoints', 'latest')));

  const resumed = train(['--resume', id], data);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stdout, /completed: 80 steps/);
  const steps = events(runDir).filter((e) => e.type === 'step').map((e) => (e as { step: number }).step);
  assert.equal(steps.at(-1), 79);
});
