import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/temp-dir';

const ado = join(__dirname, '..', '..', '..', 'bin', 'ado.js');

function validate(text: string) {
  const file = join(tempDir('ado-validate-'), 'run.ado.json');
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, [ado, 'validate', file], { encoding: 'utf8' });
  return { file, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('ado validate prints file:line:col severity message and exits 1 on an error', () => {
  const r = validate('{\n  "version": 1,\n  "name": "x",\n  "data": {"domains": [{"name": "a", "path": "a"}]},\n  "mixture": {"ado": {"deltaMin": 2}}\n}\n');
  assert.equal(r.status, 1);
  assert.equal(r.stdout.trim(), `${r.file}:5:35 error must be < 1, got 2 (mixture.ado.deltaMin)`);
  assert.match(r.stderr, /1 error/);
});

test('ado validate exits 0 when there are only warnings', () => {
  const r = validate('{"version": 1, "name": "x", "data": {"domains": [{"name": "a", "path": "a"}]}}');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /:1:1 warning .*refits only/);
  assert.match(r.stderr, /valid/);
});

test('ado validate names a missing file', () => {
  const r = spawnSync(process.execPath, [ado, 'validate', '/nonexistent/run.ado.json'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(r.stderr.trim(), 'ado: config file not found: /nonexistent/run.ado.json');
});

test('ado validate warns, from file sizes, when a domain would exceed mixture.maxEpochs', () => {
  const dir = tempDir('ado-validate-');
  writeFileSync(join(dir, 'a.txt'), 'x'.repeat(2000));
  const file = join(dir, 'run.ado.json');
  writeFileSync(file, JSON.stringify({ version: 1, name: 'x', data: { domains: [{ name: 'a', path: 'a.txt' }] }, training: { steps: 300 }, mixture: { policy: 'natural', maxEpochs: 4 } }));
  const r = spawnSync(process.execPath, [ado, 'validate', file], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /:1:\d+ warning domain "a" would be repeated about \d+\.\d times, more than mixture\.maxEpochs allows \(4\).* \(mixture\.maxEpochs\)\n/);
});

test('ado validate refuses a config nested 10,000 deep with one line, not a stack overflow', () => {
  const r = validate(`{\n  "version": 1,\n  "mixture": ${'['.repeat(10_000)}${']'.repeat(10_000)}\n}\n`);
  assert.equal(r.status, 1);
  // The file's object is the first level, so the 64th bracket opens the 65th; columns are one-based.
  assert.equal(r.stdout.trim(), `${r.file}:3:${'  "mixture": '.length + 64} error the config nests more than 64 levels deep here; a run config needs fewer than ten, so remove the extra nesting`);
  assert.equal(r.stderr.trim(), `${r.file}: 1 error`);
});
