import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lead, summarise } from '../../../daemon/compare/aggregate';
import { parseVariants, planRuns } from '../../../daemon/compare/plan';
import { RunOutcome } from '../../../daemon/compare/run-outcome';
import { formatMeanStd } from '../../../daemon/compare/table';
import type { RunEventBody } from '../../../shared/run-events';
import { baseConfig } from './compare-fixtures';

const [planned] = planRuns(baseConfig(), parseVariants('ado'), 1);
const step = (index: number): RunEventBody => ({ type: 'step', step: index, tokens: 64 * (index + 1), elapsedMs: 10 * index, loss: 2, domainLosses: [2, 2], counts: [1, 1], weights: [0.5, 0.5] });
const evaluation = (index: number, uniform: number): RunEventBody => ({ type: 'eval', step: index, tokens: 0, elapsedMs: 0, losses: [uniform, uniform], uniform, tokenWeighted: uniform });

function outcomeOf(events: RunEventBody[]): RunOutcome {
  const outcome = new RunOutcome();
  events.forEach((event) => outcome.observe(event));
  return outcome;
}

test('the final validation comes from the summary, else from an evaluation at the last step', () => {
  const summary: RunEventBody = { type: 'summary', step: 19, tokens: 1280, elapsedMs: 190, tokensPerSecond: 6700, validation: { losses: [1, 3], uniform: 2, tokenWeighted: 2.5 }, finalWeights: [0.4, 0.6], averageWeights: [0.5, 0.5] };
  const completed = outcomeOf([step(18), evaluation(18, 2.2), step(19), summary]).result(planned, { runId: 'r', runDir: '/r', state: 'completed' });
  assert.deepEqual(completed.metrics, { losses: [1, 3], uniform: 2, tokenWeighted: 2.5 });
  assert.deepEqual([completed.steps, completed.finalWeights], [20, [0.4, 0.6]]);

  assert.equal(outcomeOf([step(19), evaluation(19, 2.1)]).metrics()?.uniform, 2.1);
  assert.equal(outcomeOf([step(18), evaluation(18, 2.2), step(19)]).metrics(), null, 'an evaluation before the last step is not the final loss');
});

test('a run that completed without a validation loss counts as failed, with the reason', () => {
  const result = outcomeOf([step(0)]).result(planned, { runId: 'r', runDir: '/r', state: 'completed' });
  assert.equal(result.state, 'failed');
  assert.match(result.message ?? '', /without a final validation loss/);
});

test('a stopped run keeps its message and has no metrics', () => {
  const result = outcomeOf([step(3), evaluation(3, 2)]).result(planned, { runId: 'r', runDir: null, state: 'stopped', message: 'interrupted' });
  assert.deepEqual([result.state, result.message, result.metrics, result.steps], ['stopped', 'interrupted', null, 4]);
});

test('a lead smaller than the seed spread is reported as such', () => {
  const runs = [
    { variant: 'a', seed: 1, losses: [1], uniform: 2.0, tokenWeighted: 2.0 },
    { variant: 'a', seed: 2, losses: [1], uniform: 2.2, tokenWeighted: 2.0 },
    { variant: 'b', seed: 1, losses: [1], uniform: 2.15, tokenWeighted: 2.5 },
    { variant: 'b', seed: 2, losses: [1], uniform: 2.15, tokenWeighted: 2.5 },
  ];
  const summaries = summarise(runs, ['a', 'b']);
  const uniform = lead(summaries, (s) => s.uniform)!;
  assert.deepEqual([uniform.winner, uniform.runnerUp, uniform.withinSpread], ['a', 'b', true]);
  assert.ok(Math.abs(uniform.gap - 0.05) < 1e-12);
  assert.deepEqual(lead(summaries, (s) => s.tokenWeighted), { winner: 'a', runnerUp: 'b', gap: 0.5, withinSpread: false });
  assert.equal(lead(summaries.slice(0, 1), (s) => s.uniform), null);
  const oneSeed = summarise(runs.filter((r) => r.seed === 1), ['a', 'b']);
  assert.equal(lead(oneSeed, (s) => s.uniform)?.withinSpread, null, 'one seed measures no spread');
  assert.equal(formatMeanStd(summaries[0].uniform), '2.1000 ± 0.1414');
  assert.equal(formatMeanStd({ mean: 2, std: 0, n: 1 }), '2.0000');
});
