/**
 * runs.history's trim options over a real WebSocket: a client that does not ask gets the whole
 * history as before; one that asks gets exactly shared/history-trim.ts's cut; and the dashboard
 * relay asks a daemon with the "history-trim" capability, while for a daemon without it (which
 * would refuse the parameters) it sends none and trims the full answer itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRunDir } from '../../../daemon/runs/create-run-dir';
import { EventLog } from '../../../daemon/runs/event-log';
import { paths } from '../../../daemon/runs/layout';
import { DashboardRelay } from '../../../extension/panels/dashboard-relay';
import type { DaemonLink } from '../../../extension/panels/daemon-link';
import type { HostToDashboard } from '../../../media/shared/dashboard-messages';
import { trimHistory } from '../../../shared/history-trim';
import type { RequestParams } from '../../../shared/protocol';
import { syntheticRunEvents } from '../../browser/support/synthetic-run';
import { clientDaemonLink } from '../../browser/support/client-daemon-link';
import { daemonForSuite, freshDataDir } from '../daemon/harness';

/** A stored run with several refits, each with its observed points. */
function storedRun(dataDir: string): string {
  const { runId, runDir } = createRunDir({ dataDir, name: 'refits', kind: 'train', policy: 'ado', config: {} });
  const log = EventLog.open(paths.events(runDir), runId);
  for (const { runId: _run, seq: _seq, time: _time, ...body } of syntheticRunEvents({ runId, domains: 3, steps: 600, evalInterval: 100, fitInterval: 100 })) log.append(body);
  log.close();
  return runId;
}

const fitPointCounts = (history: { fits: { type: string; points?: { n: number[] } }[] }) => history.fits.map((fit) => fit.points?.n.length ?? -1);

describe('runs.history trimming', () => {
  const dataDir = freshDataDir();
  const runId = storedRun(dataDir);
  const suite = daemonForSuite(dataDir);

  it('a client that does not ask gets every fit\'s points and full-precision averages, as before', async () => {
    assert.ok(suite.client.info.capabilities.includes('history-trim'));
    const history = await suite.client.request('runs.history', { runId, maxPoints: 100 });
    const points = fitPointCounts(history);
    assert.ok(points.length >= 3 && points.every((n) => n > 0), `points per fit: ${points}`);
    assert.ok(history.steps.loss.some((loss) => loss !== null && loss !== Number(loss.toPrecision(5))), 'unrounded');
  });

  it('a client that asks gets exactly the trimmed history', async () => {
    const full = await suite.client.request('runs.history', { runId, maxPoints: 100 });
    const trimmed = await suite.client.request('runs.history', { runId, maxPoints: 100, fitPoints: 'newest', digits: 4 });
    assert.deepEqual(trimmed, trimHistory(full, { fitPoints: 'newest', digits: 4 }));
    assert.deepEqual(fitPointCounts(trimmed).slice(0, -1).filter((n) => n > 0), []);
    assert.ok(JSON.stringify(trimmed).length < JSON.stringify(full).length / 2);
  });

  /** The relay's backfill for the run, and the runs.history params it sent. */
  async function backfill(link: DaemonLink): Promise<{ history: unknown; params: RequestParams<'runs.history'>[] }> {
    const params: RequestParams<'runs.history'>[] = [];
    const spied: DaemonLink = {
      ...link,
      request: (method, request) => {
        if (method === 'runs.history') params.push(request as RequestParams<'runs.history'>);
        return link.request(method, request);
      },
    };
    const posted: HostToDashboard[] = [];
    const relay = new DashboardRelay(spied, (message) => posted.push(message), async () => {}, [runId]);
    await relay.handle({ type: 'ready' });
    relay.dispose();
    const message = posted.find((m) => m.type === 'history');
    assert.ok(message?.type === 'history', JSON.stringify(posted.filter((m) => m.type === 'error')));
    return { history: message.history, params };
  }

  it('the dashboard relay lets a daemon with the capability trim, and trims an older daemon\'s answer itself', async () => {
    const link = clientDaemonLink(suite.client);
    const current = await backfill(link);
    assert.equal(current.params.length, 1);
    assert.equal(current.params[0].fitPoints, 'newest');
    assert.equal(typeof current.params[0].digits, 'number');
    const { fitPoints, digits } = current.params[0];
    const full = await suite.client.request('runs.history', { runId, maxPoints: current.params[0].maxPoints });
    assert.deepEqual(current.history, trimHistory(full, { fitPoints, digits }));

    const older = await backfill({ ...link, capabilities: () => suite.client.info.capabilities.filter((c) => c !== 'history-trim') });
    assert.deepEqual(older.params, [{ runId, maxPoints: current.params[0].maxPoints }], 'no parameter an older daemon would refuse');
    assert.deepEqual(older.history, current.history);
  });
});
