/**
 * The dashboard against a REAL daemon training a REAL tiny run: the built daemon in its own
 * process, the extension's DashboardRelay over shared/client's DaemonClient (the token stays in
 * this process), and the built bundle in Chromium. The run is attached while it trains, so the
 * page gets a backfill and then live events; the assertions are on what the charts draw.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { clientDaemonLink } from './support/client-daemon-link';
import type { ChartDescription } from '../../media/dashboard/chart-card';
import { launchBrowser, type Browser } from './support/browser';
import { openDashboardPage } from './support/dashboard-page';
import { startHarness, type Harness } from './support/harness-server';
import { startRealDaemon, tinyRunConfig, type RealDaemon } from './support/real-daemon';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const STEPS = 120;

let browser: Browser;
let harness: Harness;
let daemon: RealDaemon;

before(async () => {
  harness = await startHarness();
  browser = await launchBrowser();
  daemon = await startRealDaemon();
});

after(async () => {
  await daemon?.stop();
  await browser?.close();
  await harness?.close();
});

const chart = (charts: ChartDescription[], name: string) => charts.find((c) => c.name === name);

describe('dashboard on a real daemon', () => {
  test('a run attached while it trains backfills, streams live and completes', { timeout: 240_000 }, async () => {
    const { run } = await daemon.client.request('runs.create', { config: tinyRunConfig('dashboard-e2e', STEPS), start: true });
    const link = clientDaemonLink(daemon.client);
    // Attach once the run is under way, so there is a backfill to load and live steps to follow.
    for (let i = 0; i < 600 && (await link.request('runs.get', { runId: run.id })).run.step < 15; i++) await new Promise((resolve) => setTimeout(resolve, 200));
    const page = await browser.context.newPage();
    const dashboard = await openDashboardPage(page, harness, link, [run.id], 'dark');
    const early = await dashboard.waitFor((d) => d.runs[0]?.stepRows > 0, 'the backfill', 60_000);
    const backfilled = early.runs[0].stepRows;
    const done = await dashboard.waitFor((d) => d.runs[0]?.state === 'completed' && d.runs[0].stepRows === STEPS, 'the completed run', 200_000);
    assert.ok(backfilled < STEPS, `attached mid-run (${backfilled} steps backfilled), the rest streamed`);

    const training = chart(done.charts, 'training-loss')?.datasets ?? [];
    assert.deepEqual(training.map((d) => d.label).slice(0, 2), ['batch mean', 'fiction']);
    assert.equal(training.length, 1 + 7);
    assert.ok(training[0].points > 50, 'the batch mean curve has the run\'s steps');
    const validation = chart(done.charts, 'validation-loss')?.datasets ?? [];
    assert.equal(validation[0].label, 'uniform average');
    assert.equal(validation[0].points, STEPS / 10, 'one point per evaluation');
    assert.equal(chart(done.charts, 'mixture-heatmap')?.datasets[0].points, 7 * STEPS);
    const law = chart(done.charts, 'scaling-law');
    assert.equal(law?.empty, null);
    assert.ok(done.runs[0].fits > 5, `refits drawn (${done.runs[0].fits})`);
    assert.ok((law?.datasets[0].points ?? 0) > 3, 'observed points behind the fitted curve');
    assert.ok(law?.datasets.some((d) => d.label.startsWith('fit at step')));
    assert.deepEqual(await dashboard.cspViolations(), []);
    await dashboard.screenshot(join(ARTIFACTS, 'dashboard-real-daemon.png'));
    await page.close();
  });

  test('an unknown run says so instead of drawing blank charts', async () => {
    const page = await browser.context.newPage();
    const dashboard = await openDashboardPage(page, harness, clientDaemonLink(daemon.client), ['no-such-run'], 'light');
    await page.locator('.banner.error', { hasText: 'Could not load the run no-such-run' }).waitFor();
    const description = await dashboard.describe();
    assert.ok(description.charts.every((c) => c.empty !== null));
    await page.close();
  });
});
