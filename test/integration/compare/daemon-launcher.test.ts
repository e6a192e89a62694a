/**
 * `ado compare --url`'s launcher against a real daemon (stand-in trainer): interrupted, a run is
 * paused at a checkpoint rather than stopped, and a resumed comparison resumes that same run on
 * the daemon, whose steps continue from the checkpoint.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { resolveConfig } from '../../../shared/config';
import type { RunEventBody } from '../../../shared/run-events';
import { daemonLauncher } from '../../../daemon/compare/daemon-launcher';
import { parseVariants, planRuns } from '../../../daemon/compare/plan';
import type { LaunchHooks } from '../../../daemon/compare/run-comparison';
import type { RunRef } from '../../../daemon/compare/run-outcome';
import { connect, startTestDaemon } from '../daemon/harness';

const fixtures = join(__dirname, '..', 'daemon', 'fixtures');

function plannedRun() {
  const config = parse(readFileSync(join(fixtures, 'tiny.ado.json'), 'utf8'));
  for (const domain of config.data.domains) domain.path = join(fixtures, domain.path);
  config.training.steps = 300;
  return planRuns(resolveConfig(config), parseVariants('natural'), 1)[0];
}

function recordingHooks(onStep?: (step: number) => void) {
  const started: RunRef[] = [];
  const steps: number[] = [];
  const hooks: LaunchHooks = {
    started: (ref) => started.push(ref),
    event: (event: RunEventBody) => {
      if (event.type !== 'step') return;
      steps.push(event.step);
      onStep?.(event.step);
    },
  };
  return { hooks, started, steps };
}

test('an interrupted run is paused on the daemon and resumed there by the next attempt', async () => {
  const daemon = await startTestDaemon({ dataRoots: [fixtures] });
  const client = await connect(daemon);
  try {
    const launcher = await daemonLauncher(client, 1);
    const run = plannedRun();
    const interrupt = new AbortController();
    const first = recordingHooks((step) => step >= 50 && interrupt.abort());
    const cutShort = await launcher.train(run, undefined, first.hooks, interrupt.signal);
    assert.equal(cutShort.state, 'paused');
    assert.deepEqual(first.started, [{ runId: cutShort.runId, runDir: cutShort.runDir }]);
    const checkpointed = first.steps.at(-1)!;

    const second = recordingHooks();
    const finished = await launcher.train(run, { runId: cutShort.runId, runDir: cutShort.runDir }, second.hooks, new AbortController().signal);
    assert.equal(finished.state, 'completed');
    assert.equal(finished.runId, cutShort.runId, 'the same run, resumed');
    assert.equal(second.steps[0], checkpointed + 1, 'its steps continue from the checkpoint');
    assert.equal(second.steps.at(-1), 299);
    assert.equal((await client.request('runs.list', {})).runs.length, 1, 'no second run was created');
  } finally {
    client.close();
    await daemon.stop();
  }
});
