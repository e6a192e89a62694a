import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { selectBackend } from '../../../daemon/backend/select-backend';
import { temporaryRunDir, tinyConfig, trainTiny } from './fixtures';

before(async () => {
  await selectBackend('cpu');
});

test('a run reports meta, one step event per step, evaluations, checkpoints, a summary and completion', async () => {
  const runDir = temporaryRunDir();
  const { sink, outcome, policy } = await trainTiny({ runDir });
  assert.equal(outcome.reason, 'completed');
  const types = sink.events.map((e) => e.type);
  assert.equal(types[0], 'meta');
  assert.deepEqual(types.slice(-2), ['summary', 'state']);
  const meta = sink.ofType('meta')[0];
  assert.deepEqual(meta.domains, ['pattern', 'prose']);
  assert.equal(meta.tokensPerStep, 64);
  assert.ok(meta.parameters! > 0);

  const steps = sink.ofType('step');
  assert.deepEqual(steps.map((s) => s.step), Array.from({ length: 30 }, (_, i) => i));
  assert.equal(steps.at(-1)!.tokens, 30 * 64);
  for (const s of steps) {
    assert.equal(s.counts.reduce((a, b) => a + b), 8);
    assert.deepEqual(s.weights, [0.5, 0.5]);
    s.counts.forEach((count, k) => assert.equal(s.domainLosses[k] === null, count === 0));
    assert.ok(s.epochs!.every((e) => e > 0 || s.step === 0));
  }
  // The policy saw exactly what the step events report, before the weights of the next batch.
  assert.deepEqual(policy.observed.map((o) => o.counts), steps.map((s) => s.counts));

  const evals = sink.ofType('eval');
  assert.deepEqual(evals.map((e) => e.step), [9, 19, 29]);
  for (const e of evals) {
    assert.equal(e.losses.length, 2);
    assert.ok(Math.abs(e.uniform - (e.losses[0] + e.losses[1]) / 2) < 1e-12);
    assert.ok(e.tokenWeighted > Math.min(...e.losses) && e.tokenWeighted < Math.max(...e.losses));
  }
  assert.deepEqual(sink.ofType('checkpoint').map((c) => c.step), [9, 19, 29]);
  assert.deepEqual(readdirSync(join(runDir, 'checkpoints')).filter((n) => !n.startsWith('.')).sort(), ['latest', 'step-00000020', 'step-00000030']);
  assert.equal(readFileSync(join(runDir, 'checkpoints', 'latest'), 'utf8').trim(), 'step-00000030');

  const summary = sink.ofType('summary')[0];
  assert.equal(summary.step, 29);
  assert.deepEqual(summary.validation, { losses: evals[2].losses, uniform: evals[2].uniform, tokenWeighted: evals[2].tokenWeighted });
  assert.deepEqual(summary.averageWeights, [0.5, 0.5]);
  assert.equal(sink.ofType('state').at(-1)!.state, 'completed');
});

test('a run stopped and resumed produces the same losses as one that never stopped', async () => {
  const config = tinyConfig({ training: { steps: 24, checkpointInterval: 100, evalInterval: 8 } });
  const straight = await trainTiny({ config });

  const runDir = temporaryRunDir();
  const controller = new AbortController();
  const stopped = await trainTiny({ config, runDir, signal: controller.signal, onStep: (e) => e.step === 12 && controller.abort() });
  assert.deepEqual(stopped.outcome, { reason: 'aborted', stepsCompleted: 13 });
  assert.equal(stopped.sink.ofType('state').at(-1)!.state, 'paused');
  assert.ok(existsSync(join(runDir, 'checkpoints', 'step-00000013', 'parameters.f32')));

  const resumed = await trainTiny({ config, runDir, resume: true });
  assert.equal(resumed.outcome.reason, 'completed');
  const lossesOf = (events: typeof straight.sink) => events.ofType('step').map((s) => [s.step, s.loss, ...s.domainLosses, ...s.counts]);
  assert.deepEqual([...lossesOf(stopped.sink), ...lossesOf(resumed.sink)], lossesOf(straight.sink));
  assert.deepEqual(resumed.sink.ofType('eval').map((e) => e.losses), straight.sink.ofType('eval').slice(1).map((e) => e.losses));
  assert.equal(resumed.sink.ofType('step')[0].tokens, 14 * 64);
  assert.ok(resumed.sink.ofType('step')[0].elapsedMs >= stopped.sink.ofType('step').at(-1)!.elapsedMs);
});

test('a NaN or infinite loss stops the run, names the step and keeps the last good checkpoint', async () => {
  const runDir = temporaryRunDir();
  // Decoupled decay multiplies the weights by (1 − lr·λ) each step: with lr = 1e6 they overflow.
  const config = tinyConfig({ training: { steps: 40, learningRate: 1e6, warmupSteps: 0, weightDecay: 0.1, checkpointInterval: 2 } });
  const { sink, outcome } = await trainTiny({ config, runDir });
  assert.equal(outcome.reason, 'diverged');
  const failedAt = sink.ofType('step').length;
  assert.match((outcome as { message: string }).message, new RegExp(`at step ${failedAt}\\b`));
  assert.match((outcome as { message: string }).message, /last good checkpoint/);
  const state = sink.ofType('state').at(-1)!;
  assert.equal(state.state, 'failed');
  assert.ok(sink.ofType('log').some((l) => l.level === 'error' && l.code === 'diverged'));
  const latest = readFileSync(join(runDir, 'checkpoints', 'latest'), 'utf8').trim();
  assert.equal(latest, `step-${String(failedAt - (failedAt % 2)).padStart(8, '0')}`);
  const saved = new Float32Array(readFileSync(join(runDir, 'checkpoints', latest, 'parameters.f32')).buffer.slice(0));
  assert.ok(saved.every(Number.isFinite));
});
