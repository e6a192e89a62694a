/**
 * The dashboard bundle in Chromium, relayed through the real DashboardRelay to a replayed run:
 * asserts on what the charts draw (series, point counts, heatmap cells, fitted curves), the empty
 * and failed states, escaping, export, restore after reload, and CSP. Screenshots go to
 * test-artifacts/ in both themes. dashboard-daemon.test.ts repeats the core against a real daemon.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent, RunState } from '../../shared/run-events';
import { CURVE_POINTS } from '../../media/charts/curve-series';
import { HEATMAP_COLUMNS } from '../../media/charts/weight-heatmap';
import { STEP_ROWS } from '../../media/charts/run-data';
import type { ChartDescription } from '../../media/dashboard/chart-card';
import { launchBrowser, type Browser } from './support/browser';
import { openDashboardPage } from './support/dashboard-page';
import { startHarness, type Harness } from './support/harness-server';
import { ReplayLink } from './support/replay-link';
import { syntheticRunEvents } from './support/synthetic-run';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const DOMAINS = 6;

let browser: Browser;
let harness: Harness;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  harness = await startHarness();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await harness?.close();
});

const chart = (charts: ChartDescription[], name: string) => {
  const found = charts.find((c) => c.name === name);
  assert.ok(found, `chart ${name} is shown`);
  return found;
};

function splitRun(runId: string, steps: number, liveFrom: number): { backfill: RunEvent[]; live: RunEvent[] } {
  const events = [...syntheticRunEvents({ runId, domains: DOMAINS, steps })];
  const cut = events.findIndex((e) => e.type === 'step' && e.step === liveFrom);
  return { backfill: events.slice(0, cut), live: events.slice(cut) };
}

/** A new page showing the synthetic run "tiny-ado" through a fresh replay link. */
async function openSyntheticRun(steps: number, { domains = DOMAINS, theme = 'light', state }: { domains?: number; theme?: 'light' | 'dark'; state?: RunState } = {}) {
  const page = await browser.context.newPage();
  const link = new ReplayLink();
  link.addRun('tiny-ado', [...syntheticRunEvents({ runId: 'tiny-ado', domains, steps })], state);
  const dashboard = await openDashboardPage(page, harness, link, ['tiny-ado'], theme);
  return { page, link, dashboard };
}

describe('dashboard webview', () => {
  test('backfills, then streams live events into every chart (light theme)', async () => {
    const page = await browser.context.newPage();
    const link = new ReplayLink();
    const { backfill, live } = splitRun('tiny-ado', 2_000, 1_200);
    link.addRun('tiny-ado', backfill);
    const dashboard = await openDashboardPage(page, harness, link, ['tiny-ado'], 'light');
    await dashboard.waitFor((d) => d.runs[0]?.stepRows > 0, 'the backfill');
    for (let i = 0; i < live.length; i += 100) {
      link.push('tiny-ado', live.slice(i, i + 100));
      await page.waitForTimeout(20);
    }
    const description = await dashboard.waitFor((d) => d.runs[0]?.lastSeq === live[live.length - 1].seq, 'every live event');
    const training = chart(description.charts, 'training-loss');
    assert.equal(training.empty, null);
    assert.deepEqual(training.datasets.map((d) => d.label), ['batch mean', 'arxiv', 'books', 'github', 'wikipedia', 'stackexchange', 'pubmed']);
    assert.ok(training.datasets.every((d) => d.rawPoints === d.points), 'a faint raw copy behind every smoothed curve');
    assert.ok(training.datasets.every((d) => d.points > 100 && d.points <= CURVE_POINTS));
    const validation = chart(description.charts, 'validation-loss');
    assert.deepEqual(validation.datasets.slice(0, 2).map((d) => d.label), ['uniform average', 'token-weighted average']);
    assert.equal(validation.datasets[0].points, 20, 'one point per evaluation (every 100 of 2,000 steps)');
    const heatmap = chart(description.charts, 'mixture-heatmap');
    assert.equal(heatmap.datasets[0].points, DOMAINS * HEATMAP_COLUMNS);
    const prior = chart(description.charts, 'prior-vs-current');
    assert.deepEqual(prior.datasets.map((d) => [d.label, d.points]), [['prior', DOMAINS], ['current', DOMAINS]]);
    const law = chart(description.charts, 'scaling-law');
    assert.equal(law.datasets[0].label, 'observed (smoothed)');
    assert.equal(law.datasets[0].points, 40);
    assert.ok(law.datasets.some((d) => d.label === 'fit at step 2k'), 'the newest refit is drawn');
    assert.ok(law.datasets.filter((d) => d.label.startsWith('fit at step')).length > 2, 'earlier refits behind it');
    assert.equal(law.datasets[law.datasets.length - 1].label, 'predicted L̂(n)');
    assert.equal(description.charts.filter((c) => c.name.startsWith('law-tile:')).length, DOMAINS);
    assert.deepEqual(await dashboard.cspViolations(), []);
    await dashboard.screenshot(join(ARTIFACTS, 'dashboard-light.png'));
    await page.close();
  });

  test('dark theme, stacked areas, log scale and time axis; theme switches redraw', async () => {
    const { page, dashboard } = await openSyntheticRun(1_500, { theme: 'dark', state: 'completed' });
    await dashboard.waitFor((d) => d.runs[0]?.stepRows > 0, 'the backfill');
    await page.getByRole('button', { name: 'Stacked area' }).click();
    await page.getByLabel('Logarithmic loss axis').check();
    await page.getByLabel('Horizontal axis').selectOption('time');
    const description = await dashboard.waitFor((d) => d.charts.some((c) => c.name === 'mixture-area'), 'the stacked areas');
    const area = chart(description.charts, 'mixture-area');
    assert.equal(area.datasets.length, DOMAINS);
    assert.ok(area.datasets.every((d) => d.points > 0 && d.points <= 300));
    assert.ok(!description.charts.some((c) => c.name === 'mixture-heatmap'), 'one mixture view at a time');
    await dashboard.screenshot(join(ARTIFACTS, 'dashboard-dark.png'));
    const before = await dashboard.describe();
    await page.evaluate(() => (window as unknown as { harnessSetTheme(theme: string): void }).harnessSetTheme('light'));
    await dashboard.waitFor((d) => d.renders > before.renders, 'a redraw after the theme change');
    await page.close();
  });

  test('hover values after a backfill alone: heatmap cells name domain, steps and weight; bars show epochs', async () => {
    // Completed: no live step follows the backfill. The first 10% of steps sample from the prior,
    // arxiv's and pubmed's share 1/16, github's 5/16 (synthetic-run.ts).
    const { page, dashboard } = await openSyntheticRun(2_000, { state: 'completed' });
    await dashboard.waitFor((d) => d.runs[0]?.stepRows > 0, 'the backfill');
    /** Hovers at x, y (from the far edge when negative; a function of the canvas height). */
    const tooltipOf = async (name: string, x: number, y: number | ((height: number) => number)) => {
      const canvas = page.locator(`[data-chart="${name}"] canvas`);
      const box = await canvas.boundingBox();
      assert.ok(box);
      const top = typeof y === 'function' ? y(box.height) : y;
      await canvas.hover({ position: { x: x < 0 ? box.width + x : x, y: top < 0 ? box.height + top : top } });
      return chart((await dashboard.waitFor((d) => chart(d.charts, name).tooltip.length > 0, `the ${name} tooltip`)).charts, name).tooltip;
    };
    // The chart area starts right of the domain labels and ends above the step axis; the cells
    // near its left edge are early steps.
    const early = /^\d+\.?\d*–\d+\.?\d*\)$/;
    const [top, topValue] = await tooltipOf('mixture-heatmap', 110, 12);
    assert.equal(top, 'arxiv');
    assert.match(topValue, /^6\.25% \(step /);
    assert.match(topValue.split('step ')[1], early);
    const [third, thirdValue] = await tooltipOf('mixture-heatmap', 110, (height) => 8 + ((height - 50) * 2.5) / DOMAINS);
    assert.equal(third, 'github');
    assert.match(thirdValue, /^31\.3% \(step /);
    const [bottom, bottomValue] = await tooltipOf('mixture-heatmap', -12, -70);
    assert.equal(bottom, 'pubmed');
    assert.match(bottomValue, /^\d+\.\d+% \(step 1\.99k–2k\)$/, 'the newest column at the right edge');
    const bars = await tooltipOf('prior-vs-current', -60, 40);
    assert.equal(bars[0], 'arxiv');
    assert.match(bars.at(-1) ?? '', /^epochs so far: \d+\.\d\d$/, `the bars' tooltip: ${bars.join(' | ')}`);
    await page.close();
  });

  test('legend toggles hide a domain in every chart; alt-click shows it alone', async () => {
    const { page, dashboard } = await openSyntheticRun(800);
    await dashboard.waitFor((d) => d.runs[0]?.stepRows > 0, 'the backfill');
    await page.locator('.legend .chip', { hasText: 'books' }).click();
    let description = await dashboard.waitFor((d) => !chart(d.charts, 'training-loss').datasets.some((s) => s.label === 'books'), 'books hidden');
    assert.equal(description.charts.filter((c) => c.name === 'law-tile:books').length, 0);
    await page.locator('.legend .chip', { hasText: 'github' }).click({ modifiers: ['Alt'] });
    description = await dashboard.waitFor((d) => chart(d.charts, 'training-loss').datasets.length === 1, 'github alone');
    assert.equal(chart(description.charts, 'training-loss').datasets[0].label, 'github');
    await page.close();
  });

  test('a failed run explains itself instead of drawing blank charts; log text stays text', async () => {
    const page = await browser.context.newPage();
    const link = new ReplayLink();
    const events = [...syntheticRunEvents({ runId: 'broken', domains: 3, steps: 0 })].filter((e) => e.type !== 'meta');
    link.addRun('broken', events, 'failed', 'data/default/fiction.txt: no such file <script>alert(1)</script>');
    const dashboard = await openDashboardPage(page, harness, link, ['broken'], 'light');
    const description = await dashboard.waitFor((d) => d.runs[0]?.state === 'failed' && d.charts.every((c) => c.empty !== null), 'empty states');
    assert.match(chart(description.charts, 'training-loss').empty ?? '', /failed before it started: data\/default\/fiction\.txt/);
    assert.match(chart(description.charts, 'scaling-law').empty ?? '', /failed/);
    const note = await page.locator('.run-note').textContent();
    assert.match(note ?? '', /<script>alert\(1\)<\/script>/, 'shown as text');
    assert.equal(await page.locator('.run-status script').count(), 0, 'not parsed as markup');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-failed.png') });
    await page.close();
  });

  test('an interrupted run offers Resume, which the host relays to the daemon', async () => {
    const page = await browser.context.newPage();
    const link = new ReplayLink();
    link.addRun('paused-run', [...syntheticRunEvents({ runId: 'paused-run', domains: 3, steps: 300 })], 'interrupted');
    const dashboard = await openDashboardPage(page, harness, link, ['paused-run'], 'light');
    await dashboard.waitFor((d) => d.runs[0]?.stepRows > 0, 'the backfill');
    await page.getByRole('button', { name: 'Resume' }).click();
    await dashboard.waitFor((d) => d.runs[0]?.state === 'running', 'the resumed state');
    await page.close();
  });

  test('log messages from events are escaped', async () => {
    const { page, link, dashboard } = await openSyntheticRun(300, { domains: 3 });
    // Logs arrive only through the live stream (history carries none): push one.
    const last = (await dashboard.waitFor((d) => d.runs[0]?.stepRows > 0, 'the backfill')).runs[0].lastSeq;
    link.push('tiny-ado', [{ type: 'log', level: 'warning', message: 'domain <img src=x onerror=alert(1)> repeats', code: 'domain-exhausted', runId: 'tiny-ado', seq: last + 1, time: Date.now() }]);
    await dashboard.waitFor((d) => d.runs[0].logs.length > 0, 'the log line');
    assert.equal(await page.locator('.log-message').first().textContent(), 'domain <img src=x onerror=alert(1)> repeats');
    assert.equal(await page.locator('.log-card img').count(), 0);
    await page.close();
  });

  test('the latest text samples show per domain, from the history and then live, as text', async () => {
    const page = await browser.context.newPage();
    const link = new ReplayLink();
    const events = [...syntheticRunEvents({ runId: 'sampled', domains: 2, steps: 300 })];
    const at = (step: number, seq: number, text: string): RunEvent => ({
      type: 'samples',
      step,
      samples: [
        { domain: 0, prompt: 'The <b>prompt</b> ', text },
        { domain: 1, prompt: 'def f(x):', text: ' return x & 1' },
      ],
      runId: 'sampled',
      seq,
      time: Date.now(),
    });
    let seq = events[events.length - 1].seq;
    link.addRun('sampled', [...events, at(299, ++seq, '<img src=x onerror=alert(1)> and more')]);
    const dashboard = await openDashboardPage(page, harness, link, ['sampled'], 'light');
    await dashboard.waitFor((d) => d.runs[0]?.stepRows > 0, 'the backfill');
    const card = page.locator('[data-chart="samples"]');
    await card.locator('h3', { hasText: 'Samples at step 299' }).waitFor();
    assert.deepEqual(await card.locator('figcaption').allTextContents(), ['arxiv', 'books']);
    assert.deepEqual(await card.locator('.sample-prompt').allTextContents(), ['The <b>prompt</b> ', 'def f(x):']);
    assert.equal(await card.locator('.sample-continuation').first().textContent(), '<img src=x onerror=alert(1)> and more');
    assert.equal(await card.locator('img, b').count(), 0, 'not parsed as markup');
    link.push('sampled', [at(310, ++seq, ' later text')]);
    await card.locator('h3', { hasText: 'Samples at step 310' }).waitFor();
    assert.equal(await card.locator('.sample-continuation').first().textContent(), ' later text');
    await page.close();
  });

  test('PNG and CSV exports go to the host; the view survives a reload', async () => {
    const { page, dashboard } = await openSyntheticRun(500, { domains: 3 });
    await dashboard.waitFor((d) => d.runs[0]?.stepRows > 0, 'the backfill');
    const training = page.locator('[data-chart="training-loss"]');
    await training.getByRole('button', { name: 'PNG' }).click();
    await training.getByRole('button', { name: 'CSV' }).click();
    await page.locator('[data-chart="mixture-heatmap"]').getByRole('button', { name: 'CSV' }).click();
    await page.waitForTimeout(200);
    assert.deepEqual(dashboard.saved.map((s) => s.fileName), ['tiny-ado-training-loss.png', 'tiny-ado-training-loss.csv', 'tiny-ado-mixture-heatmap.csv']);
    assert.match(dashboard.saved[0].data, /^data:image\/png;base64,/);
    assert.equal(dashboard.saved[1].data.split('\r\n')[0], 'run,series,step,tokens,elapsed_ms,value');
    assert.equal(dashboard.saved[2].data.split('\r\n')[0], 'step,tokens,elapsed_ms,weight:arxiv,weight:books,weight:github');

    await page.getByLabel('Logarithmic loss axis').check();
    await page.getByLabel('Horizontal axis').selectOption('tokens');
    await page.reload();
    const restored = await dashboard.waitFor((d) => d.runs[0]?.stepRows > 0, 'the backfill after reload');
    assert.equal(restored.runs.length, 1);
    assert.equal(await page.getByLabel('Horizontal axis').inputValue(), 'tokens');
    assert.equal(await page.getByLabel('Logarithmic loss axis').isChecked(), true);
    await page.close();
  });

  test('overlaying a second run draws both, dashed apart, and it can be removed', async () => {
    const page = await browser.context.newPage();
    const link = new ReplayLink();
    link.addRun('ado-run', [...syntheticRunEvents({ runId: 'ado-run', domains: 3, steps: 600 })], 'completed');
    link.addRun('natural-run', [...syntheticRunEvents({ runId: 'natural-run', domains: 3, steps: 600, seed: 9 })], 'completed');
    const dashboard = await openDashboardPage(page, harness, link, ['ado-run'], 'light');
    await dashboard.waitFor((d) => d.runs[0]?.stepRows > 0, 'the backfill');
    await page.getByLabel('Overlay another run').focus();
    await page.getByLabel('Overlay another run').selectOption('natural-run');
    const description = await dashboard.waitFor((d) => d.runs.length === 2 && d.runs[1].stepRows > 0, 'the overlaid run');
    const labels = chart(description.charts, 'training-loss').datasets.map((d) => d.label);
    assert.ok(labels.includes('ado-run · arxiv') && labels.includes('natural-run · arxiv'));
    await page.locator('[data-run-id="natural-run"]').getByRole('button', { name: 'Remove' }).click();
    await dashboard.waitFor((d) => d.runs.length === 1, 'the overlay removed');
    assert.deepEqual(dashboard.relay.runIds, ['ado-run']);
    await page.close();
  });

  test('a 60,000-step × 22-domain history is bucketed and decimated', async () => {
    const page = await browser.context.newPage();
    const link = new ReplayLink();
    link.addRun('long', [...syntheticRunEvents({ runId: 'long', domains: 22, steps: 60_000, evalInterval: 1_000, fitInterval: 5_000 })], 'completed');
    const dashboard = await openDashboardPage(page, harness, link, ['long'], 'light');
    const description = await dashboard.waitFor((d) => d.runs[0]?.stepRows > 0 && d.charts.some((c) => c.name === 'training-loss' && c.datasets.length > 0), 'the long run', 30_000);
    assert.ok(description.runs[0].stepRows <= STEP_ROWS);
    const training = chart(description.charts, 'training-loss').datasets;
    assert.equal(training.length, 23);
    assert.ok(training.every((d) => d.points === CURVE_POINTS), 'every series decimated to the point budget');
    assert.equal(chart(description.charts, 'mixture-heatmap').datasets[0].points, 22 * HEATMAP_COLUMNS);
    await page.close();
  });
});
