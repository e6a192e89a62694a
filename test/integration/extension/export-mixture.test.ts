/**
 * The Export Mixture command's path: runs.exportMixture on a real daemon returns exactly the file
 * `ado export-mixture` writes for the same run, and refuses a run without steps with a reason.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportMixture } from '../../../daemon/mixture-export/export-mixture';
import { createRunDir } from '../../../daemon/runs/create-run-dir';
import { EventLog } from '../../../daemon/runs/event-log';
import { paths } from '../../../daemon/runs/layout';
import { DaemonRequestError } from '../../../shared/client/daemon-client';
import { MIXTURE_KINDS, mixtureFileText, parseFixedWeights } from '../../../shared/mixture-files';
import { ErrorCode, type RequestParams } from '../../../shared/protocol';
import { daemonForSuite, freshDataDir } from '../daemon/harness';

/** A stored run with three steps of weights (and one without any). */
function storedRuns(dataDir: string): { trained: { runId: string; runDir: string }; empty: string } {
  const trained = createRunDir({ dataDir, name: 'mixed', kind: 'train', policy: 'ado', config: {} });
  const log = EventLog.open(paths.events(trained.runDir), trained.runId);
  log.append({ type: 'meta', kind: 'train', domains: ['a', 'b'], prior: [0.5, 0.5], policy: 'ado' });
  [[0.5, 0.5], [0.9, 0.1], [0.2, 0.8]].forEach((weights, step) =>
    log.append({ type: 'step', step, tokens: 0, elapsedMs: 0, loss: 1, domainLosses: [1, 1], counts: [1, 1], weights }),
  );
  log.close();
  return { trained, empty: createRunDir({ dataDir, name: 'empty', kind: 'train', policy: 'ado', config: {} }).runId };
}

describe('Export Mixture through the daemon', () => {
  const dataDir = freshDataDir();
  const runs = storedRuns(dataDir);
  const suite = daemonForSuite(dataDir);

  for (const kind of MIXTURE_KINDS) {
    it(`writes the same ${kind} file as ado export-mixture`, async () => {
      const { file } = await suite.client.request('runs.exportMixture', { runId: runs.trained.runId, kind });
      assert.equal(mixtureFileText(file), mixtureFileText(await exportMixture(runs.trained.runDir, kind)));
      if (kind !== 'schedule') assert.deepEqual(Object.keys(parseFixedWeights(file).weights), ['a', 'b']);
    });
  }

  it('refuses a run without steps, and an unknown kind', async () => {
    const refusal = (params: unknown) => suite.client.request('runs.exportMixture', params as RequestParams<'runs.exportMixture'>).then(() => assert.fail('accepted'), (e: unknown) => e as DaemonRequestError);
    const empty = await refusal({ runId: runs.empty, kind: 'final' });
    assert.equal(empty.code, ErrorCode.InvalidRunState);
    assert.match(empty.message, /has no training steps yet; there is no mixture to export/);
    assert.equal((await refusal({ runId: runs.trained.runId, kind: 'median' })).code, ErrorCode.InvalidParams);
    assert.equal((await refusal({ runId: 'nope', kind: 'final' })).code, ErrorCode.RunNotFound);
  });
});
