/**
 * `npm run bench:memory`: the built daemon's resident memory (`node dist/ado.js daemon`, its own
 * process) when idle, and while it serves external runs only. Neither needs tfjs, which belongs
 * to the training child processes; a regression here usually means a tfjs import crept into the
 * daemon's or the policy thread's bundle.
 *
 * Figures, not assertions: RSS depends on the Node version and on the allocator's mood.
 */
import { request } from 'node:http';
import { DaemonClient } from '../shared/client/daemon-client';
import { reportFigure } from './figures';
import { launchBuiltDaemon, type LaunchedDaemon } from './launch-daemon';

const DOMAINS = Array.from({ length: 22 }, (_, k) => `domain-${k}`);
const EXTERNAL_RUNS = 4;
const STEPS = 200;
const SETTLE_MS = 2000;

async function main(): Promise<void> {
  const daemon = await launchBuiltDaemon();
  const control = await DaemonClient.connect({ url: daemon.info.url, token: daemon.token, clientName: 'bench' });
  const rss = async () => {
    await sleep(SETTLE_MS);
    return (await control.request('daemon.status', {})).rssBytes;
  };
  try {
    const idle = await rss();
    for (let i = 0; i < EXTERNAL_RUNS; i++) await observeSteps(daemon, `external-${i}`);
    const serving = await rss();
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
    console.log(`\nADO Studio daemon memory (node ${process.version}, pid ${daemon.info.pid})`);
    const servingLabel = `serving ${EXTERNAL_RUNS} external ADO runs (K=${DOMAINS.length}, ${STEPS} HTTP observations each)`;
    console.log(`idle, after start: RSS ${mib(idle)}`);
    console.log(`${servingLabel}: RSS ${mib(serving)}`);
    reportFigure('memory', 'daemon RSS, idle', mib(idle));
    reportFigure('memory', `daemon RSS, ${servingLabel}`, mib(serving));
  } finally {
    await control.request('daemon.shutdown', {}).catch(() => {});
    control.close();
    await daemon.exited;
  }
}

async function observeSteps(daemon: LaunchedDaemon, name: string): Promise<void> {
  const { run } = (await post(daemon, '/v1/runs', { name, domains: DOMAINS, mixture: { policy: 'ado' } })) as { run: { id: string } };
  for (let step = 0; step < STEPS; step++) {
    const losses = DOMAINS.map((_, k) => 2 + k / 10 + 1 / (1 + step));
    await post(daemon, `/v1/runs/${encodeURIComponent(run.id)}/observe`, { step, counts: DOMAINS.map(() => 4), losses });
  }
}

function post(daemon: LaunchedDaemon, path: string, body: unknown): Promise<unknown> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${daemon.info.url.replace(/^ws/, 'http')}${path}`,
      { method: 'POST', headers: { Authorization: `Bearer ${daemon.token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } },
      (response) => {
        let answer = '';
        response.on('data', (chunk) => (answer += chunk));
        response.on('end', () => (response.statusCode === 200 ? resolve(JSON.parse(answer)) : reject(new Error(`${path}: HTTP ${response.statusCode} ${answer}`))));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
