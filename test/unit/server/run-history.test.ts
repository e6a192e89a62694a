import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StepEvent } from '../../../shared/run-events';
import { createRunDir } from '../../../daemon/runs/create-run-dir';
import { Run } from '../../../daemon/service/run';
import { RunHistory } from '../../../daemon/service/run-history';
import { tempDir } from '../../helpers/temp-dir';

function step(n: number, loss: number | null, timeline = 0): StepEvent {
  return { type: 'step', step: n, tokens: (n + 1) * 10, elapsedMs: n, loss, domainLosses: [loss, null], counts: [1, 0], weights: [0.5 + timeline, 0.5 - timeline] };
}

function openRun(): Run {
  const dataDir = tempDir('ado-history-');
  return Run.open(createRunDir({ dataDir, name: 'h', kind: 'train', policy: 'ado', config: {} }).runDir);
}

test('buckets of consecutive steps are averaged, nulls ignored', () => {
  const run = openRun();
  for (let n = 0; n < 10; n++) run.append(step(n, n % 2 === 0 ? n : null));
  const { steps } = new RunHistory(run).query({ maxPoints: 5 });
  assert.deepEqual(steps.step, [0.5, 2.5, 4.5, 6.5, 8.5]);
  assert.deepEqual(steps.loss, [0, 2, 4, 6, 8]);
  assert.deepEqual(steps.domainLosses[1], [null, null, null, null, null]);
  run.close();
});

test('a resumed run starts a new timeline at its first repeated step; the later events win', () => {
  const run = openRun();
  const history = new RunHistory(run);
  for (let n = 0; n < 8; n++) run.append(step(n, 1));
  run.append({ type: 'eval', step: 6, tokens: 70, elapsedMs: 6, losses: [1, 1], uniform: 1, tokenWeighted: 1 });
  assert.equal(history.query({}).steps.step.length, 8, 'indexed once');
  // Resumed from a checkpoint at step 5: steps 5.. come again.
  for (let n = 5; n < 7; n++) run.append(step(n, 2, 0.1));
  const { steps, evals } = history.query({});
  assert.deepEqual(steps.step, [0, 1, 2, 3, 4, 5, 6]);
  assert.deepEqual(steps.loss, [1, 1, 1, 1, 1, 2, 2]);
  assert.deepEqual(steps.weights[0].slice(4), [0.5, 0.6, 0.6]);
  assert.equal(evals.length, 0, 'the abandoned timeline\'s eval at step 6 is dropped');
  run.close();
});

test('the newest text samples come with the history; a rewind before them drops them', () => {
  const run = openRun();
  const history = new RunHistory(run);
  const samples = (at: number, text: string) => ({ type: 'samples' as const, step: at, samples: [{ domain: 0, prompt: 'p', text }] });
  for (let n = 0; n < 8; n++) run.append(step(n, 1));
  run.append(samples(3, 'old'));
  run.append(samples(7, 'new'));
  assert.equal((history.query({}).samples as { samples: { text: string }[] } | undefined)?.samples[0].text, 'new');
  for (let n = 5; n < 7; n++) run.append(step(n, 2));
  assert.equal(history.query({}).samples, undefined);
  run.close();
});
