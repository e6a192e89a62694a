import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DashboardRelay } from '../../../extension/panels/dashboard-relay';
import type { HostToDashboard } from '../../../media/shared/dashboard-messages';
import { ReplayLink } from '../../browser/support/replay-link';
import { syntheticRunEvents } from '../../browser/support/synthetic-run';

const events = [...syntheticRunEvents({ runId: 'a', domains: 3, steps: 200 })];

function relayFor(link: ReplayLink, runIds: string[]) {
  const posted: HostToDashboard[] = [];
  const saved: string[] = [];
  const relay = new DashboardRelay(link, (m) => posted.push(m), async (_format, fileName) => void saved.push(fileName), runIds);
  return { relay, posted, saved };
}

test('ready sends each run as summary, then backfill, then live events in batches', async () => {
  const link = new ReplayLink();
  link.addRun('a', events.slice(0, 100));
  link.addRun('b', events.slice(0, 50).map((e) => ({ ...e, runId: 'b' })));
  const { relay, posted } = relayFor(link, ['a', 'b']);
  await relay.handle({ type: 'ready' });
  assert.deepEqual(posted.map((m) => `${m.type}:${'runId' in m ? m.runId : m.type === 'run' ? m.run.id : ''}`), ['run:a', 'history:a', 'run:b', 'history:b']);
  link.push('a', events.slice(100, 110));
  await new Promise((resolve) => setTimeout(resolve, 120));
  const batches = posted.filter((m) => m.type === 'events');
  assert.equal(batches.length, 1, 'one batch for ten events');
  assert.deepEqual(batches[0].type === 'events' && batches[0].events.map((e) => e.seq), events.slice(100, 110).map((e) => e.seq));
  relay.dispose();
});

test('a detached run gets nothing more; failures become error messages', async () => {
  const link = new ReplayLink();
  link.addRun('a', events.slice(0, 100));
  const { relay, posted } = relayFor(link, ['a', 'missing']);
  await relay.handle({ type: 'ready' });
  const error = posted.find((m): m is Extract<HostToDashboard, { type: 'error' }> => m.type === 'error');
  assert.match(error?.message ?? '', /Could not load the run missing: run missing not found/);
  await relay.handle({ type: 'detach', runId: 'a' });
  const before = posted.length;
  link.push('a', events.slice(100, 110));
  await new Promise((resolve) => setTimeout(resolve, 120));
  assert.equal(posted.length, before);
  assert.deepEqual(relay.runIds, ['missing']);
});

test('exports go to the host\'s save function', async () => {
  const { relay, saved } = relayFor(new ReplayLink(), []);
  await relay.handle({ type: 'export', format: 'csv', fileName: 'run-training-loss.csv', data: 'a,b\r\n' });
  assert.deepEqual(saved, ['run-training-loss.csv']);
});
