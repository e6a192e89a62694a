// `ado replay --save`: the replay becomes a run that `ado report` and `ado export-mixture` read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRunSnapshot } from '../../../daemon/report/run-snapshot';
import { paths } from '../../../daemon/runs/layout';
import { readRunRecord } from '../../../daemon/runs/run-record';
import { replayRunName } from '../../../daemon/replay/replay-recording';
import type { RunEvent } from '../../../shared/run-events';
import { tempDir } from '../../helpers/temp-dir';

const root = join(__dirname, '..', '..', '..');
const example = join(root, 'examples', 'replay', 'example.jsonl');
// The built CLI, as a user runs it (`npm test` builds first).
const ado = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'ado.js'), ...args], { encoding: 'utf8' });

test('a saved replay is an external run with every step, every fit and the same weights as the printed ones', async () => {
  const dataDir = tempDir('ado-replay-save-');
  const out = join(dataDir, 'weights.jsonl');
  const r = ado('replay', example, '--out', out, '--save', '--data-dir', dataDir);
  assert.equal(r.status, 0, r.stderr);
  const [runId] = readdirSync(paths.runs(dataDir));
  assert.match(runId, /^replay-example-\d{8}-\d{6}$/);
  assert.match(r.stderr, new RegExp(`recorded as run ${runId} .*; draw it with: ado report ${runId}`));
  const runDir = paths.run(dataDir, runId);
  const record = readRunRecord(runDir);
  assert.equal(record.kind, 'external');
  assert.equal(record.state, 'completed');

  const events = readFileSync(paths.events(runDir), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as RunEvent);
  const steps = events.filter((e) => e.type === 'step');
  const printed = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { step: number; weights: number[]; fit?: unknown });
  assert.deepEqual(steps.map((e) => [e.step, e.weights]), printed.map((p) => [p.step, p.weights]));
  assert.deepEqual(events.filter((e) => e.type === 'fit').map((e) => e.step), printed.filter((p) => p.fit).map((p) => p.step));

  // What `ado report` draws from it.
  const snapshot = await readRunSnapshot(runDir, 500);
  assert.equal(snapshot.summary.step, 2999);
  assert.equal(snapshot.history.fits.length, 13);

  const exported = ado('export-mixture', runId, '--data-dir', dataDir, '--kind', 'final');
  assert.equal(exported.status, 0, exported.stderr);
  assert.deepEqual(Object.values(JSON.parse(exported.stdout).weights), printed[2999].weights);
});

test('a replay that stops on bad input is recorded as failed, with the reason and the steps before it', async () => {
  const dataDir = tempDir('ado-replay-save-');
  const log = join(dataDir, 'broken log.jsonl');
  const header = JSON.stringify({ domains: ['a', 'b'], prior: [0.5, 0.5], policy: 'natural' });
  writeFileSync(log, [header, JSON.stringify({ step: 0, counts: [1, 1], losses: [2, 3] }), '{"step": 1'].join('\n') + '\n');
  const r = ado('replay', log, '--save', 'broken', '--data-dir', dataDir);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /broken log\.jsonl:3: not valid JSON/);
  const [runId] = readdirSync(paths.runs(dataDir));
  const record = readRunRecord(paths.run(dataDir, runId));
  assert.equal(record.state, 'failed');
  assert.match(record.message ?? '', /broken log\.jsonl:3: not valid JSON/);
  const snapshot = await readRunSnapshot(paths.run(dataDir, runId), 100);
  assert.deepEqual(snapshot.history.steps.step, [0]);
});

test('run names come from the log file name', () => {
  assert.equal(replayRunName('logs/my run.jsonl'), 'replay-my-run');
  assert.equal(replayRunName('/tmp/__x.JSONL'), 'replay-x');
});
