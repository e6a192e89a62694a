/**
 * The message Submit Run shows when a daemon refuses the config, checked against real refusals: a
 * local daemon's data roots come with what to do in VS Code; other refusals are shown as they are.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DaemonClient } from '../../../shared/client/daemon-client';
import type { RunningDaemon } from '../../../daemon/server/start-daemon';
import { describeRefusedRun } from '../../../extension/daemon/refused-run';
import { connect, startTestDaemon } from '../daemon/harness';

const refusal = (promise: Promise<unknown>) => promise.then(() => assert.fail('the daemon accepted the run'), (error: unknown) => error);
const config = (path: string, extra: object = {}) => ({ version: 1, name: 'refused', data: { domains: [{ name: 'a', path }] }, ...extra });

describe('refused run messages', () => {
  let daemon: RunningDaemon;
  let client: DaemonClient;
  before(async () => {
    daemon = await startTestDaemon();
    client = await connect(daemon);
  });
  after(async () => {
    client.close();
    await daemon.stop();
  });

  it('a file outside a local daemon\'s data roots says how to give it this window\'s folders', async () => {
    const error = await refusal(client.request('runs.create', { config: config('/elsewhere/a.txt'), start: false }));
    const local = describeRefusedRun(error, { kind: 'local' });
    assert.match(local, /^ADO Studio: the daemon did not accept the run: invalid config: data\.domains\[0\]\.path: \/elsewhere\/a\.txt is outside the daemon's data roots/);
    assert.match(local, /The local daemon reads data only in the workspace folders of the window that started it, .*: run "ADO Studio: Stop Local Daemon", then submit again from this window\.$/);
    assert.doesNotMatch(describeRefusedRun(error, { kind: 'remote' }), /Stop Local Daemon/);
  });

  it('any other refusal is shown as the daemon gave it', async () => {
    const error = await refusal(client.request('runs.create', { config: config(join(daemon.dataDir, 'datasets', 'a.txt'), { model: { layers: 0 } }), start: false }));
    const message = describeRefusedRun(error, { kind: 'local' });
    assert.match(message, /^ADO Studio: the daemon did not accept the run: invalid config: model\.layers: /);
    assert.doesNotMatch(message, /Stop Local Daemon/);
  });
});
