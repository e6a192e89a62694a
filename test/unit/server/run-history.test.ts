import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trimHistory } from '../../../shared/history-trim';
import type { StepEvent } from '../../../shared/run-events';
import { createRunDir } from '../../../daemon/runs/create-run-dir';
import { Run } from '../../../daemon/service/run';
import { RunHistory, type HistoryRange } from '../../../daemon/service/run-history';
import { tempDir } from '../../helpers/temp-dir';
import { syntheticRunEvents } from '../../browser/support/synthetic-run';

function step(n: number, loss: number | null, timeline = 0): StepEvent {
  return { type: 'step', step: n, tokens: (n + 1) * 10, elapsedMs: n, loss, domainLosses: [loss, null], counts: [1, 0], weights: [0.5 + timeline, 0.5 - timeline] };
}

/** The answer as the client gets it: the streamed parts, joined and parsed. */
async function answer(history: RunHistory, range: HistoryRange = {}) {
  const parts = [...(await history.query(range)).parts()];
  return JSON.parse(parts.join('')) as Awaited<ReturnType<RunHistory['query']>>['decodesTo'];
}

function openRun(): Run {
  const dataDir = tempDir('ado-history-');
  return Run.open(createRunDir({ dataDir, name: 'h', kind: 'train', policy: 'ado', config: {} }).runDir);
}

test('buckets of consecutive steps are averaged, nulls ignored', async () => {
  const run = openRun();
  for (let n = 0; n < 10; n++) run.append(step(n, n % 2 === 0 ? n : null));
  const { steps } = await answer(new RunHistory(run), { maxPoints: 5 });
  assert.deepEqual(steps.step, [0.5, 2.5, 4.5, 6.5, 8.5]);
  assert.deepEqual(steps.loss, [0, 2, 4, 6, 8]);
  assert.deepEqual(steps.domainLosses[1], [null, null, null, null, null]);
  run.close();
});

test('a resumed run starts a new timeline at its first repeated step; the later events win', async () => {
  const run = openRun();
  const history = new RunHistory(run);
  for (let n = 0; n < 8; n++) run.append(step(n, 1));
  run.append({ type: 'eval', step: 6, tokens: 70, elapsedMs: 6, losses: [1, 1], uniform: 1, tokenWeighted: 1 });
  assert.equal((await answer(history)).steps.step.length, 8, 'indexed once');
  // Resumed from a checkpoint at step 5: steps 5.. come again.
  for (let n = 5; n < 7; n++) run.append(step(n, 2, 0.1));
  const { steps, evals } = await answer(history);
  assert.deepEqual(steps.step, [0, 1, 2, 3, 4, 5, 6]);
  assert.deepEqual(steps.loss, [1, 1, 1, 1, 1, 2, 2]);
  assert.deepEqual(steps.weights[0].slice(4), [0.5, 0.6, 0.6]);
  assert.equal(evals.length, 0, 'the abandoned timeline\'s eval at step 6 is dropped');
  run.close();
});

test('the newest text samples come with the history; a rewind before them drops them', async () => {
  const run = openRun();
  const history = new RunHistory(run);
  const samples = (at: number, text: string) => ({ type: 'samples' as const, step: at, samples: [{ domain: 0, prompt: 'p', text }] });
  for (let n = 0; n < 8; n++) run.append(step(n, 1));
  run.append(samples(3, 'old'));
  run.append(samples(7, 'new'));
  assert.equal(((await answer(history)).samples as { samples: { text: string }[] } | undefined)?.samples[0].text, 'new');
  for (let n = 5; n < 7; n++) run.append(step(n, 2));
  assert.equal((await answer(history)).samples, undefined);
  run.close();
});

test('the streamed answer is the history JSON.stringify would print, and its trim options give what trimHistory gives', async () => {
  const run = openRun();
  for (const { seq, runId, time, ...body } of syntheticRunEvents({ domains: 3, steps: 5_000, evalInterval: 500, fitInterval: 1_000 })) run.append(body);
  const history = new RunHistory(run);
  const full = await history.query({ maxPoints: 4_500 });
  const parts = [...full.parts()];
  assert.ok(parts.length > 10, `${parts.length} parts`);
  assert.ok(parts.join('') === JSON.stringify(full), 'the parts join to what JSON.stringify prints');
  const untrimmed = await answer(history, { maxPoints: 4_500 });
  assert.equal(untrimmed.steps.step.length, 4_500);
  assert.deepEqual(await answer(history, { maxPoints: 4_500, fitPoints: 'newest', digits: 5 }), trimHistory(untrimmed, { fitPoints: 'newest', digits: 5 }));
  run.close();
});

test('an answer being written keeps the timeline it was asked on, though the run rewinds meanwhile', async () => {
  const run = openRun();
  const history = new RunHistory(run);
  for (let n = 0; n < 10; n++) run.append(step(n, 1));
  const before = await answer(history);
  const parts = (await history.query({})).parts(1);
  const firstParts = Array.from({ length: 5 }, () => parts.next().value);
  for (let n = 5; n < 10; n++) run.append(step(n, 2, 0.1));
  assert.deepEqual((await answer(history)).steps.loss, [1, 1, 1, 1, 1, 2, 2, 2, 2, 2], 'a new request sees the new timeline');
  assert.deepEqual(JSON.parse([...firstParts, ...parts].join('')), before);
  run.close();
});
