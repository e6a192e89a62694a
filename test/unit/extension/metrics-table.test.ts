import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCsv } from '../../../media/charts/csv';
import type { RequestResults } from '../../../shared/protocol';
import type { RunEvent } from '../../../shared/run-events';
import { metricsTable } from '../../../extension/commands/metrics-table';

const meta: RunEvent = { type: 'meta', kind: 'train', domains: ['fiction', 'code'], prior: [0.5, 0.5], policy: 'ado', runId: 'r', seq: 1, time: 0 };
const evalAt = (step: number): RunEvent => ({ type: 'eval', step, tokens: step * 10, elapsedMs: step, losses: [2.5, 1.5], uniform: 2, tokenWeighted: 2.1, runId: 'r', seq: 10 + step, time: 0 });

const history: RequestResults['runs.history'] = {
  steps: {
    step: [0, 10],
    tokens: [10, 110],
    elapsedMs: [5, 50],
    loss: [3, null],
    domainLosses: [[3.1, 2.9], [2.9, null]],
    weights: [[0.5, 0.6], [0.5, 0.4]],
  },
  evals: [evalAt(10), evalAt(15)],
  fits: [],
  meta,
};

describe('metricsTable', () => {
  it('names columns by domain and puts evaluations on their step\'s row', () => {
    const { header, rows } = metricsTable(history);
    assert.deepEqual(header, [
      'step', 'tokens', 'elapsed_ms', 'train_loss', 'train_loss:fiction', 'train_loss:code', 'weight:fiction', 'weight:code',
      'val_loss_uniform', 'val_loss_token_weighted', 'val_loss:fiction', 'val_loss:code',
    ]);
    assert.deepEqual(rows, [
      [0, 10, 5, 3, 3.1, 2.9, 0.5, 0.5, null, null, null, null],
      [10, 110, 50, null, 2.9, null, 0.6, 0.4, 2, 2.1, 2.5, 1.5],
      [15, 150, 15, null, null, null, null, null, 2, 2.1, 2.5, 1.5],
    ]);
  });

  it('writes CSV that leaves missing values empty', () => {
    const { header, rows } = metricsTable(history);
    const lines = toCsv(header, rows).split('\r\n');
    assert.equal(lines[2], '10,110,50,,2.9,,0.6,0.4,2,2.1,2.5,1.5');
  });
});
