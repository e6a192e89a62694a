/**
 * End to end, outside `npm test`: examples/torch_ddp.py trains over 2 gloo processes against the
 * built daemon, and the run's events are checked through the protocol.
 *   node --import tsx bench/torch-ddp.e2e.ts [steps]
 * Needs PyTorch (Debian: apt-get install -y python3-torch, which installs into /usr/bin/python3).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DaemonClient } from '../shared/client/daemon-client';
import { MAX_HISTORY_POINTS } from '../shared/protocol';
import { launchBuiltDaemon } from './launch-daemon';
import { pythonWithTorch } from './python-with-torch';

const steps = Number(process.argv[2] ?? 60);

async function main(): Promise<void> {
  const python = pythonWithTorch();
  if (!python) throw new Error('no python3 with torch found; install it with: apt-get install -y python3-torch');
  const daemon = await launchBuiltDaemon();
  let client: DaemonClient | undefined;
  try {
    const started = Date.now();
    // Synchronous on purpose: nothing else to do meanwhile. The client connects afterwards, since a
    // blocked event loop cannot answer the daemon's heartbeat.
    const trainer = spawnSync(python, [join(__dirname, '..', 'examples', 'torch_ddp.py'), '--nproc', '2', '--steps', String(steps)], {
      env: { ...process.env, ADO_DATA_DIR: daemon.dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    process.stdout.write(trainer.stdout);
    if (trainer.status !== 0) throw new Error(`torch_ddp.py exited with ${trainer.status}`);
    const done = JSON.parse(trainer.stdout.trim().split('\n').at(-1)!) as { run: string };
    client = await DaemonClient.connect({ url: daemon.info.url, token: daemon.token, clientName: 'torch e2e' });
    const history = await client.request('runs.history', { runId: done.run, maxPoints: MAX_HISTORY_POINTS });
    const refits = history.fits.length;
    if (history.steps.step.length !== steps) throw new Error(`the daemon recorded ${history.steps.step.length} steps, expected ${steps}`);
    console.log(`torch_ddp.py: ${steps} steps over 2 ranks in ${((Date.now() - started) / 1000).toFixed(0)} s; the daemon recorded every step and ${refits} ADO refits`);
  } finally {
    client ??= await DaemonClient.connect({ url: daemon.info.url, token: daemon.token, clientName: 'torch e2e' });
    await client.request('daemon.shutdown', {}).catch(() => {});
    client.close();
    await daemon.exited;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
