/**
 * clients/python/ado_client.py against a live daemon over HTTP, including a daemon restart in the
 * middle of the trainer's loop: the client retries, and no step is lost or counted twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RunningDaemon } from '../../../daemon/server/start-daemon';
import { connect, repoRoot, startTestDaemon } from './harness';

const python = spawnSync('python3', ['--version']).status === 0;

test('the Python client creates a run, observes, survives a daemon restart', { skip: python ? false : 'skipped: python3 not found' }, async () => {
  let daemon: RunningDaemon = await startTestDaemon();
  const script = join(__dirname, 'fixtures', 'python_client_check.py');
  const child = spawn('python3', [script, daemon.httpUrl, join(repoRoot, 'clients', 'python')], {
    env: { ...process.env, ADO_TOKEN_FILE: daemon.tokenFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const lines: Record<string, any>[] = [];
  let restarted = false;
  for await (const line of createInterface({ input: child.stdout })) {
    const message = JSON.parse(line);
    lines.push(message);
    if (message.step === 30 && !restarted) {
      restarted = true;
      const { dataDir, port } = daemon;
      await daemon.stop();
      daemon = await startTestDaemon({ dataDir, port });
    }
  }
  const code = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
  assert.equal(code, 0, stderr);

  const [created, invalid, nan] = lines;
  assert.deepEqual(created.prior, [0.5, 0.3, 0.2]);
  assert.equal(invalid.status, 400);
  assert.match(invalid.invalid, /3 domains/);
  assert.match(nan.nan, /finite/);
  assert.deepEqual(lines.filter((l) => 'step' in l).map((l) => l.step), Array.from({ length: 80 }, (_, i) => i));
  assert.equal(lines.at(-1)!.done, true);

  const client = await connect(daemon);
  const history = await client.request('runs.history', { runId: created.run, maxPoints: 1000 });
  assert.deepEqual(history.steps.step, Array.from({ length: 80 }, (_, i) => i), 'each step recorded once, across the restart');
  client.close();
  await daemon.stop();
});
