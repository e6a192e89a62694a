/**
 * `ado sample` as users run it: the built CLI on a run the tiny fixture config trained (40 steps,
 * checkpoints after 20 and 40). Needs `npm run build` first (npm test does it).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/temp-dir';

const ado = join(__dirname, '..', '..', '..', 'bin', 'ado.js');
const data = tempDir('ado-sample-cli-');
let runId: string;

function cli(args: string[]) {
  return spawnSync(process.execPath, [ado, ...args, '--data-dir', data], { encoding: 'utf8' });
}

function sample(args: string[]) {
  const r = cli(['sample', runId, ...args]);
  assert.equal(r.status, 0, r.stderr);
  return r;
}

before(() => {
  const trained = cli(['train', join(__dirname, 'fixtures', 'tiny.ado.json'), '--quiet']);
  assert.equal(trained.status, 0, trained.stderr);
  [runId] = readdirSync(join(data, 'runs'));
});

test('the same seed gives the same text, of the requested length, from the latest checkpoint', () => {
  const first = JSON.parse(sample(['--tokens', '25', '--seed', '3', '--json']).stdout);
  const again = JSON.parse(sample(['--tokens', '25', '--seed', '3', '--json']).stdout);
  assert.deepEqual(again, first);
  assert.equal(first.tokens.length, 25);
  assert.equal(first.stepsTrained, 40);
  assert.equal(first.runId, runId);
  const other = JSON.parse(sample(['--tokens', '25', '--seed', '4', '--json']).stdout);
  assert.notDeepEqual(other.tokens, first.tokens);
});

test('plain output is the prompt and its continuation; a prompt longer than the context is cut, with a note', () => {
  const prompt = 'one two three four five six';
  const r = sample(['--prompt', prompt, '--tokens', '10', '--temperature', '0']);
  assert.ok(r.stdout.startsWith(prompt));
  assert.match(r.stderr, /sampling from .*step-00000040 \(after 40 steps\)/);
  assert.match(r.stderr, /the prompt has 27 tokens; the model sees only its last 16/);
  const greedy = (seed: string) => JSON.parse(sample(['--prompt', prompt, '--tokens', '10', '--temperature', '0', '--seed', seed, '--json']).stdout).tokens;
  assert.deepEqual(greedy('1'), greedy('2'), 'greedy decoding ignores the seed');
});

test('--checkpoint picks an older checkpoint by steps trained, and names the kept ones when it is missing', () => {
  assert.equal(JSON.parse(sample(['--checkpoint', '20', '--tokens', '3', '--json']).stdout).stepsTrained, 20);
  const missing = cli(['sample', runId, '--checkpoint', '7']);
  assert.equal(missing.status, 1);
  assert.equal(missing.stderr.trim(), `ado: run ${runId} has no checkpoint after 7 steps; it keeps checkpoints after 20, 40 steps`);
  const notFolder = cli(['sample', runId, '--checkpoint', data]);
  assert.equal(notFolder.status, 1);
  assert.match(notFolder.stderr, /is not a checkpoint folder \(it has no state\.json\)/);
});

test('a missing run is a user error and bad options are usage errors', () => {
  const missing = cli(['sample', 'no-such-run']);
  assert.equal(missing.status, 1);
  assert.equal(missing.stderr.trim(), `ado: no run "no-such-run": give a run directory or the id of a run under ${join(data, 'runs')}`);
  assert.equal(cli(['sample', runId, '--tokens', '0']).status, 2);
  assert.equal(cli(['sample', runId, '--temperature', '-1']).status, 2);
});
