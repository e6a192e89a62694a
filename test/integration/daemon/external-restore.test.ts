/**
 * An external run's policy after a restart: from its snapshot, or (as after a kill -9 before any
 * snapshot reached the disk) from the observations in its event log alone. Either way the policy
 * continues exactly where it was once the trainer's next request (here scheduler.weights) resumes it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { paths } from '../../../daemon/runs/layout';
import { connect, startTestDaemon } from './harness';

test('an external run resumes its policy from the snapshot, or from the log alone', async () => {
  const first = await startTestDaemon();
  const client = await connect(first);
  // Refits every 20 steps, so the restored state holds fitted laws, not just the prior.
  const ado = { startStep: 20, ignoreSteps: 5, updateInterval: 20, savgolWindow: 5, savgolOrder: 2, subsample: 1, fit: { starts: 'fast' } };
  const { run } = await client.request('runs.createExternal', { name: 'restore', domains: ['a', 'b', 'c'], mixture: { ado } });
  let weights: number[] = [];
  for (let step = 0; step < 150; step++) {
    ({ weights } = await client.request('scheduler.observe', { runId: run.id, step, counts: [1, 2, 1], losses: [3 - step / 100, 2 + (step % 7) / 10, 1] }));
  }
  client.close();
  await first.stop();

  for (const snapshot of ['kept', 'lost'] as const) {
    if (snapshot === 'lost') rmSync(paths.policyState(paths.run(first.dataDir, run.id)));
    const daemon = await startTestDaemon({ dataDir: first.dataDir });
    const again = await connect(daemon);
    assert.equal((await again.request('runs.get', { runId: run.id })).run.state, 'interrupted', 'until its trainer comes back');
    assert.deepEqual(await again.request('scheduler.weights', { runId: run.id }), { weights, step: 149 }, `snapshot ${snapshot}`);
    again.close();
    await daemon.stop();
  }
});
