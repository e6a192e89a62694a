/**
 * Dashboard benchmark (npm run bench:dashboard): the built dashboard bundle in headless Chromium,
 * fed by the real DashboardRelay from a synthetic 60,000-step × 22-domain run.
 *   1. the first full render: from the page's navigation start (performance.timeOrigin) to the
 *      first frame in which every chart drawn without scrolling (MEASURED_CHARTS: both loss
 *      charts, the heatmap, the prior bars, and the scaling-law detail at the fold; law tiles wait
 *      to be scrolled to) shows the backfilled run. That spans loading the page, the dashboard's
 *      request, the relay's round trip to the stand-in daemon (answers it has ready, as a daemon
 *      has its run in memory), the history's trip into the page (JSON through the DevTools
 *      protocol here, VS Code's IPC and postMessage in the product), and applying and drawing it;
 *      the split between those is printed beside it;
 *   2. frame intervals and render work while events stream at 20 per second;
 *   3. JS heap before and after 10 minutes' worth of streaming, fed at an accelerated pace.
 * Prints figures; asserts nothing (timings belong in benchmarks, not tests). Wall times depend on
 * what else the machine runs, so the page's main-thread CPU time is printed beside them.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { RunEvent } from '../shared/run-events';
import { HISTORY_TRIM } from '../extension/panels/dashboard-relay';
import { HISTORY_POINTS } from '../media/charts/curve-series';
import { launchBrowser } from '../test/browser/support/browser';
import { openDashboardPage, type DashboardPage } from '../test/browser/support/dashboard-page';
import { startHarness } from '../test/browser/support/harness-server';
import { ReplayLink } from '../test/browser/support/replay-link';
import { syntheticRunEvents } from '../test/browser/support/synthetic-run';
import { reportFigure } from './figures';

const DOMAINS = 22;
const BACKFILL_STEPS = 60_000;
const EVENTS_PER_SECOND = 20;
const LIVE_SECONDS = 15;
const SIMULATED_MINUTES = 10;
const RUN_ID = 'bench';

const STREAMED_STEPS = EVENTS_PER_SECOND * 60 * SIMULATED_MINUTES;
const MEASURED_CHARTS = ['training-loss', 'validation-loss', 'mixture-heatmap', 'prior-vs-current', 'scaling-law'];

async function main(): Promise<void> {
  const started = Date.now();
  const events = [
    ...syntheticRunEvents({ runId: RUN_ID, domains: DOMAINS, steps: BACKFILL_STEPS + STREAMED_STEPS + LIVE_SECONDS * EVENTS_PER_SECOND, evalInterval: 500, fitInterval: 1_000 }),
  ];
  const cut = events.findIndex((e) => e.type === 'step' && e.step === BACKFILL_STEPS + 1);
  const link = new ReplayLink();
  link.addRun(RUN_ID, events.slice(0, cut));
  const live = events.slice(cut);
  // Answered ahead, as the relay will ask, so the figure is the dashboard's time and not the stand-in daemon's.
  const history = await link.request('runs.history', { runId: RUN_ID, maxPoints: HISTORY_POINTS, ...HISTORY_TRIM });
  console.log(
    `synthetic run: ${BACKFILL_STEPS.toLocaleString('en')} steps × ${DOMAINS} domains backfilled, ${live.length.toLocaleString('en')} events to stream (built in ${Date.now() - started} ms); ` +
      `the history the first render waits for: ${HISTORY_POINTS} points, ${(JSON.stringify(history).length / 1024).toFixed(0)} KB of JSON`,
  );

  const harness = await startHarness();
  const browser = await launchBrowser(['--enable-precise-memory-info']);
  try {
    const page = await browser.context.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.addInitScript(HISTORY_ARRIVAL);
    const dashboard = await openDashboardPage(page, harness, link, [RUN_ID], 'dark');
    const firstRender = await timeToFullRender(page);
    const firstRenderCpu = await threadTime(cdp);
    const { ready, historyArrived } = (await page.evaluate(PAGE_MILESTONES)) as { ready: number; historyArrived: number };
    console.log(
      `first full render: ${firstRender.toFixed(0)} ms from navigation start to every chart drawn, ${firstRenderCpu.toFixed(0)} ms of main-thread CPU (goal < 1000 ms); ` +
        `the page asked for data at ${ready.toFixed(0)} ms, the history arrived at ${historyArrived.toFixed(0)} ms and was drawn ${(firstRender - historyArrived).toFixed(0)} ms later`,
    );
    reportFigure('dashboard', 'first full render (main-thread CPU)', `${firstRender.toFixed(0)} ms (${firstRenderCpu.toFixed(0)} ms)`);

    const cpuBefore = await threadTime(cdp);
    const streamed = await streamAtRate(page, dashboard, link, live.slice(0, indexAfterSteps(live, LIVE_SECONDS * EVENTS_PER_SECOND)));
    const cpuShare = (await threadTime(cdp)) - cpuBefore;
    console.log(
      `live at ${EVENTS_PER_SECOND} steps/s for ${LIVE_SECONDS} s: frame interval p50 ${streamed.frames.p50.toFixed(1)} ms, p95 ${streamed.frames.p95.toFixed(1)} ms, max ${streamed.frames.max.toFixed(1)} ms; ` +
        `${streamed.renders.count} renders, each mean ${streamed.renders.mean.toFixed(1)} ms, p95 ${streamed.renders.p95.toFixed(1)} ms, max ${streamed.renders.max.toFixed(1)} ms; ` +
        `main thread busy ${((cpuShare / (LIVE_SECONDS * 1000)) * 100).toFixed(1)}% of one core`,
    );
    reportFigure('dashboard', `frame interval p50 / p95, live at ${EVENTS_PER_SECOND} steps/s`, `${streamed.frames.p50.toFixed(1)} / ${streamed.frames.p95.toFixed(1)} ms`);

    const heapBefore = await heapUsed(cdp);
    const rest = live.slice(indexAfterSteps(live, LIVE_SECONDS * EVENTS_PER_SECOND));
    const feedStart = Date.now();
    await feedFast(page, link, rest);
    const feedSeconds = (Date.now() - feedStart) / 1000;
    const last = rest[rest.length - 1].seq;
    await dashboard.waitFor((d) => d.runs[0]?.lastSeq === last, 'the last streamed event', 120_000);
    const heapAfter = await heapUsed(cdp);
    const rows = (await dashboard.describe()).runs[0];
    console.log(
      `heap: ${mb(heapBefore)} MB before, ${mb(heapAfter)} MB after ${SIMULATED_MINUTES} minutes of simulated streaming ` +
        `(${STREAMED_STEPS.toLocaleString('en')} steps, ${rest.length.toLocaleString('en')} events, fed in ${feedSeconds.toFixed(1)} s; ${rows.stepRows} step rows kept)`,
    );
    reportFigure('dashboard', `JS heap before / after ${SIMULATED_MINUTES} simulated minutes`, `${mb(heapBefore)} / ${mb(heapAfter)} MB`);
  } finally {
    await browser.close();
    await harness.close();
  }
}

/**
 * Notes when the history message reaches the page (before the dashboard's own listener runs).
 * Plain source text, as FRAME_RECORDER below.
 */
const HISTORY_ARRIVAL = `window.addEventListener('message', (event) => { if (event.data?.type === 'history') window.benchHistoryArrived ??= performance.now(); }, true)`;

/** The dashboard script posts 'ready' as it runs, at the end of the body, just before DOMContentLoaded. */
const PAGE_MILESTONES = `({ ready: performance.getEntriesByType('navigation')[0].domContentLoadedEventStart, historyArrived: window.benchHistoryArrived })`;

/** Polls once per frame inside the page, so the figure is not rounded up to a polling interval. */
async function timeToFullRender(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    (names) => {
      const description = window.adoDashboard?.describe();
      const drawn = description?.settled && names.every((name) => description.charts.some((c) => c.name === name && c.empty === null && c.datasets.some((d) => d.points > 0)));
      return drawn ? performance.now() : false;
    },
    MEASURED_CHARTS,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

interface Stats {
  count: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { count: values.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? NaN, mean: values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1) };
}

/**
 * Records every frame interval in the page. Plain source text: tsx would wrap a function's inner
 * closures in a helper that does not exist inside the page.
 */
const FRAME_RECORDER = `(() => {
  const frames = [];
  let previous = performance.now();
  let handle = 0;
  const tick = (now) => { frames.push(now - previous); previous = now; handle = requestAnimationFrame(tick); };
  handle = requestAnimationFrame(tick);
  window.benchStopFrames = () => { cancelAnimationFrame(handle); return frames.slice(1); };
})()`;

/** Streams one step (with the evals and fits around it) every 1/EVENTS_PER_SECOND s, recording frames in the page. */
async function streamAtRate(page: Page, dashboard: DashboardPage, link: ReplayLink, events: RunEvent[]): Promise<{ frames: Stats; renders: Stats }> {
  const rendersBefore = (await dashboard.describe()).renders;
  await page.evaluate(FRAME_RECORDER);
  const interval = 1000 / EVENTS_PER_SECOND;
  const start = Date.now();
  let sent = 0;
  for (const group of stepGroups(events)) {
    link.push(RUN_ID, group);
    sent++;
    const wait = start + sent * interval - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await page.waitForTimeout(300);
  const frames = (await page.evaluate('benchStopFrames()')) as number[];
  const description = await dashboard.describe();
  const renders = description.recentRenderMs.slice(-Math.min(description.renders - rendersBefore, description.recentRenderMs.length));
  return { frames: stats(frames), renders: stats(renders) };
}

/** Ten minutes of events in seconds: a batch of steps every 50 ms, as fast as the page keeps up. */
async function feedFast(page: Page, link: ReplayLink, events: RunEvent[]): Promise<void> {
  const groups = stepGroups(events);
  const perBatch = 100;
  for (let i = 0; i < groups.length; i += perBatch) {
    link.push(RUN_ID, groups.slice(i, i + perBatch).flat());
    await page.waitForTimeout(50);
  }
}

/** Events grouped so each group starts with a step event (evals and fits travel with their step). */
function stepGroups(events: RunEvent[]): RunEvent[][] {
  const groups: RunEvent[][] = [];
  for (const event of events) {
    if (event.type === 'step' || groups.length === 0) groups.push([]);
    groups[groups.length - 1].push(event);
  }
  return groups;
}

function indexAfterSteps(events: RunEvent[], steps: number): number {
  let seen = 0;
  const index = events.findIndex((event) => event.type === 'step' && ++seen > steps);
  return index < 0 ? events.length : index;
}

/** The renderer main thread's CPU time so far, in ms. */
async function threadTime(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000;
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
