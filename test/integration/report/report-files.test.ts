/**
 * `ado report` on run directories as they come: whole, resumed, empty, long, damaged or partial.
 * Damaged input must give one clear sentence naming the file and what is wrong.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../../daemon/runs/layout';
import { readRunSnapshot } from '../../../daemon/report/run-snapshot';
import { resolveReportTarget } from '../../../daemon/report/report-target';
import { writeReport } from '../../../daemon/report/write-report';
import type { RunEvent } from '../../../shared/run-events';
import { syntheticRunEvents } from '../../browser/support/synthetic-run';
import { syntheticRunDir, writeRunDir } from './run-fixtures';
import { tempDir } from '../../helpers/temp-dir';

const ado = join(__dirname, '..', '..', '..', 'bin', 'ado.js');
const dataDir = () => tempDir('ado-report-');
const report = (arg: string, dir: string) => spawnSync(process.execPath, [ado, 'report', arg, '--data-dir', dir], { encoding: 'utf8' });

test('a run, by directory or id, becomes one self-contained HTML file with its data embedded', async () => {
  const dir = dataDir();
  const runDir = syntheticRunDir(dir, 'small', { steps: 300, domains: 3 });
  const runId = runDir.split('/').pop()!;
  assert.deepEqual(resolveReportTarget(runId, dir), { kind: 'run', runDir });
  const r = report(runId, dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`wrote ${join(runDir, 'report.html')} \\(\\d+(\\.\\d+)?kB\\)`));
  const html = readFileSync(join(runDir, 'report.html'), 'utf8');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
  assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/i, 'nothing is loaded from outside the file');
  assert.doesNotMatch(html, /sourceMappingURL/);
  // The inlined bundle is minified: unminified, it alone was about 576 kB.
  assert.ok(html.length < 400_000, `a 300-step report takes ${html.length} characters`);
  assert.match(html, /"domains":\["arxiv","books","github"\]/);
});

test('a 60,000-step run over 22 domains gives a report of a reasonable size', async () => {
  const dir = dataDir();
  const runDir = syntheticRunDir(dir, 'long', { steps: 60_000, domains: 22, evalInterval: 500, fitInterval: 2_000 });
  const written = await writeReport({ kind: 'run', runDir }, join(dir, 'long.html'), { png: false, generator: 'test' });
  assert.ok(written.bytes < 2_000_000, `${written.bytes} bytes`);
  const snapshot = await readRunSnapshot(runDir, 1000);
  assert.equal(snapshot.history.steps.step.length, 1000);
  assert.equal(snapshot.history.fits.filter((fit) => fit.type === 'fit' && fit.points.n.length > 0).length, 1, 'only the newest refit keeps its points');
});

test('a resumed run draws one timeline: the steps, evaluations and refits it repeated replace the abandoned ones', async () => {
  const events = [...syntheticRunEvents({ steps: 400, domains: 2, evalInterval: 100, fitInterval: 100 })];
  const cut = events.findIndex((e) => e.type === 'step' && e.step === 250);
  const resumeFrom = events.findIndex((e) => e.type === 'step' && e.step === 201);
  const meta = events.find((e) => e.type === 'meta')!;
  const replayed = [...events.slice(0, cut), meta, ...events.slice(resumeFrom)].map((e, i): RunEvent => ({ ...e, seq: i + 1 }));
  const runDir = writeRunDir(dataDir(), 'resumed', replayed, 'completed');
  const { history } = await readRunSnapshot(runDir, 10_000);
  const steps = history.steps.step;
  assert.deepEqual(steps, [...steps].sort((a, b) => a - b), 'steps only go forward');
  assert.equal(steps.length, 400);
  const stepsOf = (list: RunEvent[], type: RunEvent['type']) => list.flatMap((e) => (e.type === type && 'step' in e ? [e.step] : []));
  assert.deepEqual(stepsOf(history.evals, 'eval'), stepsOf(events, 'eval'));
  assert.deepEqual(stepsOf(history.fits, 'fit'), stepsOf(events, 'fit'));
});

test('a run with no steps yet still gets a report (its page says there is no data yet)', async () => {
  const dir = dataDir();
  const meta = [...syntheticRunEvents({ steps: 10, domains: 2 })].slice(0, 2);
  const runDir = writeRunDir(dir, 'starting', meta, 'running');
  const r = report(runDir, dir);
  assert.equal(r.status, 0, r.stderr);
  const snapshot = await readRunSnapshot(runDir, 1000);
  assert.equal(snapshot.history.steps.step.length, 0);
  assert.equal(snapshot.summary.state, 'running');
});

test('damaged and partial run directories get one sentence naming the file and the problem', () => {
  const dir = dataDir();
  const make = (name: string) => syntheticRunDir(dir, name, { steps: 50, domains: 2 });

  const damaged = make('damaged');
  const lines = readFileSync(paths.events(damaged), 'utf8').split('\n');
  lines[10] = lines[10].slice(0, 20);
  writeFileSync(paths.events(damaged), lines.join('\n'));
  let r = report(damaged, dir);
  assert.equal(r.status, 1);
  assert.equal(r.stderr.trim(), `ado: ${paths.events(damaged)}:11: the event log is damaged (this line is not JSON); the run cannot be read past it`);

  const gap = make('gap');
  const kept = readFileSync(paths.events(gap), 'utf8').split('\n').filter((_, i) => i !== 5);
  writeFileSync(paths.events(gap), kept.join('\n'));
  r = report(gap, dir);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /events\.jsonl: event 6 is followed by event 7; the event log is damaged \(lines missing or out of order\)/);

  const noRecord = make('no-record');
  rmSync(paths.runRecord(noRecord));
  r = report(noRecord, dir);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /run\.json: cannot read the run record \(it is missing\); is .* a run directory\?/);

  const badRecord = make('bad-record');
  writeFileSync(paths.runRecord(badRecord), '{"formatVersion": 1, "id": ');
  assert.match(report(badRecord, dir).stderr, /run\.json: cannot read the run record \(it is not valid JSON\)/);

  const noEvents = make('no-events');
  rmSync(paths.events(noEvents));
  assert.match(report(noEvents, dir).stderr, /events\.jsonl: no event log; is this a run directory\?/);

  const torn = make('torn');
  appendFileSync(paths.events(torn), '{"type":"step","st');
  assert.equal(report(torn, dir).status, 0, 'a torn last line is a write cut short by a crash, not damage');

  r = report('no-such-run', dir);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^ado: no run or comparison "no-such-run"/);
});

test('without Chromium the report is still written, and the PNGs are skipped with a way to get them', () => {
  const dir = dataDir();
  const runDir = syntheticRunDir(dir, 'no-browser', { steps: 50, domains: 2 });
  const r = spawnSync(process.execPath, [ado, 'report', runDir, '--png'], { encoding: 'utf8', env: { ...process.env, CHROMIUM: join(dir, 'no-chromium') } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /wrote .*report\.html/);
  assert.equal(r.stderr.trim(), `ado: PNGs skipped: no Chromium at ${join(dir, 'no-chromium')}; "npm run setup:e2e" installs it (or set CHROMIUM to another Chromium binary)`);
});
