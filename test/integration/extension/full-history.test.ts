/**
 * Export Metrics' history: a run longer than one runs.history answer may hold (MAX_HISTORY_POINTS)
 * still comes out at one point per step, with every evaluation and fit, asked in step ranges from
 * a real daemon.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fullHistory } from '../../../extension/commands/full-history';
import { MAX_HISTORY_POINTS } from '../../../shared/protocol';
import { syntheticRunEvents } from '../../browser/support/synthetic-run';
import { daemonForSuite, freshDataDir } from '../daemon/harness';
import { syntheticRunDir } from '../report/run-fixtures';

const shape = { steps: 2 * MAX_HISTORY_POINTS + 500, domains: 3, evalInterval: 1_000, fitInterval: 2_000 };

describe('Export Metrics on a run longer than one history answer', () => {
  const dataDir = freshDataDir();
  const runId = syntheticRunDir(dataDir, 'long', shape).split('/').pop()!;
  const suite = daemonForSuite(dataDir);

  it('joins step ranges into one point per step, every eval and fit once, in order', async () => {
    const { run } = await suite.client.request('runs.get', { runId });
    const requests: unknown[] = [];
    const history = await fullHistory((params) => (requests.push(params), suite.client.request('runs.history', params)), runId, run.step);
    assert.ok(requests.length >= 3, `${requests.length} requests`);
    assert.deepEqual(history.steps.step, Array.from({ length: shape.steps }, (_, i) => i));
    assert.deepEqual(history.steps.weights.map((column) => column.length), [shape.steps, shape.steps, shape.steps]);
    assert.equal(history.steps.epochs?.[2].length, shape.steps);
    const events = [...syntheticRunEvents({ runId, ...shape })];
    assert.deepEqual(history.evals.map((e) => e.seq), events.filter((e) => e.type === 'eval').map((e) => e.seq));
    assert.deepEqual(history.fits.map((e) => e.seq), events.filter((e) => e.type === 'fit').map((e) => e.seq));
    assert.equal(history.meta?.type, 'meta');
  });
});
