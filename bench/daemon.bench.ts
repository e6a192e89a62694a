/**
 * `npm run bench:daemon`: the daemon under the two loads it exists for, run as users run it
 * (`node dist/ado.js daemon` in its own process, real sockets, loopback).
 *
 *   1. fan-out: one external run's events streamed to 20 subscribers; latency from the
 *      producer's observe call to each subscriber's receipt (p50/p99).
 *   2. HTTP observe throughput for K = 22 (the Pile's domains) with the ADO policy at the paper's
 *      settings: one trainer, then four trainers at once (each its own run).
 *   3. the daemon's RSS during each load (sampled through daemon.status).
 *
 * Figures, not assertions: the machine is shared and timings are noisy.
 */
import { Agent, request } from 'node:http';
import { DaemonClient } from '../shared/client/daemon-client';
import type { DaemonInfo } from '../shared/client/local-daemon';
import { launchBuiltDaemon } from './launch-daemon';
import { reportFigure } from './figures';

const PILE_DOMAINS = [
  'ArXiv', 'BookCorpus2', 'Books3', 'DM Mathematics', 'Enron Emails', 'EuroParl', 'FreeLaw', 'Github', 'Gutenberg (PG-19)', 'HackerNews', 'NIH ExPorter',
  'OpenSubtitles', 'OpenWebText2', 'PhilPapers', 'Pile-CC', 'PubMed Abstracts', 'PubMed Central', 'StackExchange', 'USPTO Backgrounds', 'Ubuntu IRC', 'Wikipedia (en)', 'YoutubeSubtitles',
];
const K = PILE_DOMAINS.length;
const SUBSCRIBERS = 20;
const FANOUT_STEPS = 2000;
const OBSERVE_STEPS = 3000;
const BATCH = 256;

async function main(): Promise<void> {
  const daemon = await launchBuiltDaemon();
  const control = await DaemonClient.connect({ url: daemon.info.url, token: daemon.token, clientName: 'bench' });
  const rss = new RssSampler(control);
  try {
    const fanout = await rss.during(() => fanOut(daemon));
    const single = await rss.during(() => observeThroughput(daemon, 1));
    const parallel = await rss.during(() => observeThroughput(daemon, 4));
    const idle = (await control.request('daemon.status', {})).rssBytes;
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
    console.log(`\nADO Studio daemon benchmark (node ${process.version}, ${daemon.info.url})`);
    console.log(`fan-out: ${FANOUT_STEPS} step events (K=${K}) to ${SUBSCRIBERS} subscribers, paced at ~${fanout.value.paceHz} events/s`);
    console.log(`  latency observe→subscriber p50 ${fanout.value.p50.toFixed(2)} ms, p99 ${fanout.value.p99.toFixed(2)} ms, max ${fanout.value.max.toFixed(2)} ms`);
    console.log(`  delivered ${fanout.value.delivered}/${FANOUT_STEPS * SUBSCRIBERS} events; daemon RSS peak ${mib(fanout.peakRss)}`);
    reportFigure('daemon', `event fan-out to ${SUBSCRIBERS} subscribers, p50 / p99`, `${fanout.value.p50.toFixed(2)} / ${fanout.value.p99.toFixed(1)} ms`);
    for (const [label, result] of [['1 trainer', single], ['4 trainers', parallel]] as const) {
      const { requests, requestsPerSecond, betweenRefitsPerSecond, refits, refitSeconds, medianMs, p99Ms, slowestMs } = result.value;
      console.log(`HTTP observe, K=${K}, ADO (paper settings), ${label}: ${requestsPerSecond.toFixed(0)} req/s over ${requests} requests; ${betweenRefitsPerSecond.toFixed(0)} req/s between refits`);
      reportFigure('daemon', `HTTP observe, K=${K}, ${label} (between refits)`, `${betweenRefitsPerSecond.toFixed(0)} req/s`);
      console.log(`  ${refits} refits took ${refitSeconds.toFixed(0)} s; per request: median ${medianMs.toFixed(2)} ms, p99 ${p99Ms.toFixed(1)} ms, slowest ${slowestMs.toFixed(0)} ms; daemon RSS peak ${mib(result.peakRss)}`);
    }
    console.log(`daemon RSS after the loads: ${mib(idle)}`);
    reportFigure('daemon', 'daemon RSS peak under fan-out / 4 trainers', `${mib(fanout.peakRss)} / ${mib(parallel.peakRss)}`);
  } finally {
    rss.stop();
    await control.request('daemon.shutdown', {}).catch(() => {});
    control.close();
    await daemon.exited;
  }
}

async function fanOut(daemon: { info: DaemonInfo; token: string }) {
  const connectOne = (name: string) => DaemonClient.connect({ url: daemon.info.url, token: daemon.token, clientName: name });
  const producer = await connectOne('bench producer');
  const { run } = await producer.request('runs.createExternal', { name: 'fanout', domains: PILE_DOMAINS, mixture: { policy: 'natural' } });
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const subscribers = await Promise.all(Array.from({ length: SUBSCRIBERS }, (_, i) => connectOne(`bench subscriber ${i}`)));
  for (const subscriber of subscribers) {
    await subscriber.subscribe(run.id, (event) => {
      if (event.type === 'step') latencies.push(performance.now() - sentAt.get(event.step)!);
    });
  }
  const paceHz = 500;
  const trainer = new SyntheticTrainer(1);
  const start = performance.now();
  for (let step = 0; step < FANOUT_STEPS; step++) {
    const due = start + (step * 1000) / paceHz;
    if (performance.now() < due) await sleep(due - performance.now());
    sentAt.set(step, performance.now());
    const { counts, losses } = trainer.step(step);
    trainer.weights = (await producer.request('scheduler.observe', { runId: run.id, step, counts, losses })).weights;
  }
  const deadline = Date.now() + 30_000;
  while (latencies.length < FANOUT_STEPS * SUBSCRIBERS && Date.now() < deadline) await sleep(20);
  for (const client of [producer, ...subscribers]) client.close();
  latencies.sort((a, b) => a - b);
  const quantile = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { paceHz, p50: quantile(0.5), p99: quantile(0.99), max: latencies[latencies.length - 1], delivered: latencies.length };
}

async function observeThroughput(daemon: { info: DaemonInfo; token: string }, trainers: number) {
  const base = daemon.info.url.replace(/^ws/, 'http');
  const agent = new Agent({ keepAlive: true });
  const post = (path: string, body: unknown) => httpJson(agent, `${base}${path}`, daemon.token, body);
  const durations: number[] = [];
  let refits = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: trainers }, async (_, t) => {
      const { run } = await post('/v1/runs', { name: `observe-${trainers}-${t}`, domains: PILE_DOMAINS, mixture: { policy: 'ado' } });
      const trainer = new SyntheticTrainer(t + 2);
      for (let step = 0; step < OBSERVE_STEPS / trainers; step++) {
        const { counts, losses } = trainer.step(step);
        const began = performance.now();
        trainer.weights = (await post(`/v1/runs/${encodeURIComponent(run.id)}/observe`, { step, counts, losses })).weights;
        durations.push(performance.now() - began);
      }
      const history = await DaemonClient.connect({ url: daemon.info.url, token: daemon.token, clientName: 'bench history' });
      refits += (await history.request('runs.history', { runId: run.id, maxPoints: 2 })).fits.length;
      history.close();
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  durations.sort((a, b) => a - b);
  const quantile = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))];
  // Refits are the slowest requests by far (seconds to minutes for K = 22 at the paper's settings).
  const refitSeconds = durations.slice(durations.length - refits).reduce((a, b) => a + b, 0) / 1000;
  return {
    requests: durations.length,
    requestsPerSecond: durations.length / seconds,
    betweenRefitsPerSecond: (durations.length - refits) / (seconds - refitSeconds / trainers),
    refits,
    refitSeconds,
    medianMs: quantile(0.5),
    p99Ms: quantile(0.99),
    slowestMs: durations[durations.length - 1],
  };
}

/** Per-domain losses following L(n) = ε + β·n^(−α) with noise, and batches drawn from the weights. */
class SyntheticTrainer {
  weights = PILE_DOMAINS.map(() => 1 / K);
  private random: () => number;

  constructor(seed: number) {
    let state = seed * 2654435761;
    this.random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  }

  step(step: number): { counts: number[]; losses: (number | null)[] } {
    const counts = new Array<number>(K).fill(0);
    for (let i = 0; i < BATCH; i++) {
      let u = this.random();
      let k = 0;
      while (k < K - 1 && (u -= this.weights[k]) > 0) k++;
      counts[k]++;
    }
    const losses = counts.map((count, k) => {
      if (count === 0) return null;
      const n = (step + 1) * BATCH;
      return 1.5 + k / 20 + (3 + k / 10) * Math.pow(n, -0.2 - k / 200) + (this.random() - 0.5) * 0.05;
    });
    return { counts, losses };
  }
}

function httpJson(agent: Agent, url: string, token: string, body: unknown): Promise<any> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${url}: HTTP ${res.statusCode} ${text}`))));
    });
    req.once('error', reject);
    req.end(payload);
  });
}

/** The daemon's peak RSS while a load runs. */
class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly client: DaemonClient) {
    this.timer = setInterval(() => void this.sample(), 250);
  }

  async during<T>(load: () => Promise<T>): Promise<{ value: T; peakRss: number }> {
    this.peak = 0;
    const value = await load();
    await this.sample();
    return { value, peakRss: this.peak };
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async sample(): Promise<void> {
    const { rssBytes } = await this.client.request('daemon.status', {}).catch(() => ({ rssBytes: 0 }));
    this.peak = Math.max(this.peak, rssBytes);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
