/**
 * The report HTML in headless Chromium: it loads with no console error and no request, and draws
 * every chart with the expected series; empty and non-ADO runs say why a chart is empty; a
 * comparison shows its table and overlays; --png writes the figures. Skipped, visibly, where
 * Chromium is absent (`npm run setup:e2e` installs it).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumMissing, withHeadlessChromium } from '../../../daemon/report/headless-chromium';
import { resolveReportTarget } from '../../../daemon/report/report-target';
import { writeReport } from '../../../daemon/report/write-report';
import type { ChartDescription } from '../../../media/dashboard/chart-card';
import type { ReportDescription } from '../../../media/report/report-page';
import type { RunEvent } from '../../../shared/run-events';
import { domainNames, syntheticRunEvents } from '../../browser/support/synthetic-run';
import { syntheticCompareDir, syntheticRunDir, writeRunDir } from './run-fixtures';
import { tempDir } from '../../helpers/temp-dir';

const missing = chromiumMissing();
const skip = missing === null ? false : `skipped: ${missing}`;
const DOMAINS = 4;

describe('the HTML report in Chromium', { skip }, () => {
  const dataDir = tempDir('ado-report-browser-');
  let context: BrowserContext;
  let closeBrowser: () => void;

  before(async () => {
    const opened = new Promise<BrowserContext>((resolveContext) => {
      void withHeadlessChromium((ctx) => {
        resolveContext(ctx);
        return new Promise<void>((resolveClose) => (closeBrowser = resolveClose));
      });
    });
    context = await opened;
  });
  after(() => closeBrowser?.());

  /** Writes the report for `target`, opens it, and returns what it drew, failing on any console error or request. */
  async function open(arg: string, png = false): Promise<{ page: Page; drawn: ReportDescription; pngs: string[] }> {
    const target = resolveReportTarget(arg, dataDir)!;
    const file = join(tempDir('ado-report-html-'), 'report.html');
    const { pngs } = await writeReport(target, file, { png, generator: 'test' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => !request.url().startsWith('file:') && problems.push(`request to ${request.url()}`));
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => window.adoReport?.ready === true);
    const drawn = await page.evaluate(() => window.adoReport!.describe());
    assert.deepEqual(problems, []);
    return { page, drawn, pngs };
  }

  const chart = (drawn: ReportDescription, name: string): ChartDescription => {
    const found = drawn.charts.find((c) => c.name === name);
    assert.ok(found, `chart ${name} among ${drawn.charts.map((c) => c.name).join(', ')}`);
    return found;
  };

  test('an ADO run: loss curves, mixture heatmap and areas, prior bars, and a fitted law per domain', async () => {
    const shape = { steps: 1_000, domains: DOMAINS, evalInterval: 100, fitInterval: 100 };
    const refits = [...syntheticRunEvents(shape)].filter((e) => e.type === 'fit').length;
    const runDir = syntheticRunDir(dataDir, 'ado-run', shape);
    const { page, drawn } = await open(runDir);
    assert.equal(drawn.kind, 'run');
    assert.ok(drawn.charts.every((c) => c.empty === null), JSON.stringify(drawn.charts.filter((c) => c.empty)));
    // Smoothed training curves come with their faint raw copies.
    assert.equal(chart(drawn, 'training-loss').datasets.length, 1 + DOMAINS);
    assert.ok(chart(drawn, 'training-loss').datasets.every((d) => d.rawPoints === d.points));
    assert.deepEqual(chart(drawn, 'validation-loss').datasets.map((d) => d.label), ['uniform average', 'token-weighted average', ...domainNames(DOMAINS)]);
    assert.ok(chart(drawn, 'validation-loss').datasets.every((d) => d.points === 10));
    assert.equal(chart(drawn, 'mixture-heatmap').datasets.length, 1);
    assert.equal(chart(drawn, 'mixture-area').datasets.length, DOMAINS);
    assert.deepEqual(chart(drawn, 'prior-vs-final').datasets.map((d) => d.label), ['prior', 'current']);
    for (const domain of domainNames(DOMAINS)) {
      // The newest refit's observed points, a curve per refit, the predicted loss.
      const labels = chart(drawn, `scaling-law-${domain}`).datasets.map((d) => d.label);
      assert.equal(labels[0], 'observed (smoothed)');
      assert.equal(labels.filter((l) => l.startsWith('fit at step')).length, refits);
      assert.equal(labels[labels.length - 1], 'predicted L̂(n)');
    }
    assert.equal(await page.locator('table.data').count(), 3, 'domains, the newest laws, every refit');

    await page.locator('button.chip', { hasText: 'arxiv' }).click();
    const filtered = await page.evaluate(() => window.adoReport!.describe());
    assert.equal(chart(filtered, 'training-loss').datasets.length, DOMAINS, 'the legend hides a domain in every chart');
    assert.equal(chart(filtered, 'mixture-area').datasets.length, DOMAINS - 1);
    assert.ok(!filtered.charts.some((c) => c.name === 'scaling-law-arxiv'));
  });

  test('a run with no steps yet says so instead of drawing blank charts', async () => {
    const meta = [...syntheticRunEvents({ steps: 10, domains: DOMAINS })].slice(0, 2);
    const { page, drawn } = await open(writeRunDir(dataDir, 'starting', meta, 'running'));
    assert.match(await page.locator('.notice').innerText(), /^No data yet\. No training steps yet\./);
    for (const name of ['training-loss', 'validation-loss', 'mixture-heatmap', 'mixture-area']) assert.equal(chart(drawn, name).empty, 'No training steps yet.');
    assert.match(chart(drawn, 'scaling-laws').empty ?? '', /No training steps yet/);
  });

  test('a baseline run explains that it fits no laws', async () => {
    const events = [...syntheticRunEvents({ steps: 300, domains: DOMAINS })]
      .filter((e) => e.type !== 'fit')
      .map((e, i): RunEvent => (e.type === 'meta' ? { ...e, policy: 'natural', seq: i + 1 } : { ...e, seq: i + 1 }));
    const { drawn } = await open(writeRunDir(dataDir, 'natural-run', events, 'completed'));
    assert.equal(chart(drawn, 'scaling-laws').empty, 'The "natural" policy fits no scaling laws; only ADO does.');
  });

  test('a comparison: its table with the winners, every run overlaid, each variant\'s mixture, and each run on request', async () => {
    const compareDir = syntheticCompareDir(dataDir, ['ado', 'natural', 'balanced'], [1, 2]);
    const { page, drawn } = await open(compareDir, true);
    assert.equal(drawn.kind, 'compare');
    assert.equal(chart(drawn, 'compare-validation').datasets.length, 6);
    assert.equal(chart(drawn, 'compare-training').datasets.length, 6);
    assert.deepEqual(chart(drawn, 'compare-mixture').datasets.map((d) => d.label), ['token share', 'ado', 'natural', 'balanced']);
    const rows = await page.locator('table.comparison-results tbody tr').allInnerTexts();
    assert.equal(rows.length, 3);
    assert.match(rows[0], /^ado\t\d\.\d{4} ± \d\.\d{4} ★/, 'ado has the lowest uniform average');
    assert.equal(await page.locator('td.winner').count(), 2 + 3);

    await page.locator('details.run-details > summary').first().click();
    // The browser fires <details>' toggle event, which draws the run, after the click returns.
    await page.waitForFunction(() => window.adoReport!.describe().charts.some((c) => c.name === 'mixture-heatmap'));
  });

  test('--png writes the main charts as PNG files', async () => {
    const runDir = syntheticRunDir(dataDir, 'png-run', { steps: 400, domains: DOMAINS });
    const { pngs } = await open(runDir, true);
    assert.deepEqual(pngs.map((f) => f.split('/').pop()), ['report-loss-curves.png', 'report-mixture-heatmap.png', 'report-scaling-laws.png']);
    for (const file of pngs) assert.deepEqual([...readFileSync(file).subarray(1, 4)], [0x50, 0x4e, 0x47]);
  });
});
