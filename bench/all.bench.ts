/**
 * `npm run bench`: every benchmark at a quick size, one after the other, then one table of their
 * headline figures (the README's performance section). Each benchmark's own report is printed as it
 * runs. Run it on a quiet machine; the table records the date, CPU and Node version.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

/** Quick sizes: the whole run takes about ten minutes on 2 cores. */
const BENCHES: { name: string; script: string; args: string[]; build?: boolean }[] = [
  { name: 'fit', script: 'bench/fit.bench.ts', args: ['--full-domains', '0'] },
  { name: 'train', script: 'bench/train.bench.ts', args: ['--steps', '100', '--workers', '1,2', '--fit', 'fast'] },
  // Skips itself where torch is missing; its figures let the train figures be compared across machines.
  { name: 'torch', script: 'bench/torch.bench.ts', args: ['--steps', '30', '--warmup', '5'] },
  { name: 'daemon', script: 'bench/daemon.bench.ts', args: [], build: true },
  { name: 'memory', script: 'bench/daemon-memory.bench.ts', args: [], build: true },
  { name: 'dashboard', script: 'bench/dashboard.bench.ts', args: [], build: true },
];

const root = join(import.meta.dirname, '..');
const figuresDir = mkdtempSync(join(tmpdir(), 'ado-bench-'));
const figuresFile = join(figuresDir, 'figures.jsonl');
// Removed also when Ctrl-C ends the script half-way (the running benchmark gets the SIGINT too).
process.once('exit', () => rmSync(figuresDir, { recursive: true, force: true }));
process.once('SIGINT', () => process.exit(130));
const failed: string[] = [];
if (BENCHES.some((b) => b.build)) run(['scripts/build.mjs'], 'build');
for (const bench of BENCHES) {
  console.log(`\n== bench:${bench.name} ${bench.args.join(' ')}`);
  if (!run(['--import', 'tsx', bench.script, ...bench.args], bench.name)) failed.push(bench.name);
}

const figures = readFileSync(figuresFile, { encoding: 'utf8', flag: 'a+' })
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { bench: string; what: string; value: string });

const date = new Date().toISOString().slice(0, 10);
console.log(`\n${date} · ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'} · ${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.version}\n`);
console.log('| bench | figure | value |\n| --- | --- | --- |');
for (const f of figures) console.log(`| ${f.bench} | ${f.what} | ${f.value} |`);
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')} (their output is above)`);
  process.exit(1);
}

function run(args: string[], label: string): boolean {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ADO_BENCH_FIGURES: figuresFile } });
  if (result.status !== 0) console.error(`${label} exited with ${result.status ?? result.signal}`);
  return result.status === 0;
}
