/**
 * The built daemon (`node dist/ado.js daemon`) in its own process, as users run it, on a free port
 * with a fresh data dir; and a tiny training config on the embedded corpus that gives a few
 * evaluations and refits within a minute on a busy machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DaemonClient } from '../../../shared/client/daemon-client';
import { readDaemonInfo, readTokenFile } from '../../../shared/client/local-daemon';

const root = join(__dirname, '..', '..', '..');

export interface RealDaemon {
  client: DaemonClient;
  stop(): Promise<void>;
}

export async function startRealDaemon(): Promise<RealDaemon> {
  const cli = join(root, 'dist', 'ado.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'ado-browser-daemon-'));
  const child: ChildProcess = spawn(process.execPath, [cli, 'daemon', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const end = async () => {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  let client: DaemonClient;
  try {
    for (let waited = 0; !existsSync(join(dataDir, 'daemon.json')); waited += 50) {
      if (waited > 30_000 || child.exitCode !== null) throw new Error(`the daemon did not start:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const info = readDaemonInfo(dataDir);
    client = await DaemonClient.connect({ url: info.url, token: readTokenFile(info.tokenFile), clientName: 'browser tests', reconnect: false });
  } catch (error) {
    await end();
    throw error;
  }
  return {
    client,
    async stop() {
      client.close();
      await end();
    },
  };
}

const DOMAINS = ['fiction', 'speeches', 'encyclopedic', 'legal', 'code', 'dictionary', 'arithmetic'];

/** ADO with its schedule scaled down to about a hundred steps of a one-block model. */
export function tinyRunConfig(name: string, steps: number): unknown {
  return {
    version: 1,
    name,
    seed: 1,
    data: {
      tokenizer: 'byte',
      contextLength: 16,
      validationFraction: 0.02,
      domains: DOMAINS.map((domain) => ({ name: domain, path: join(root, 'data', 'default', `${domain}.txt`) })),
    },
    model: { layers: 1, heads: 2, dModel: 16, mlpRatio: 2 },
    training: { steps, batchSize: 4, warmupSteps: 5, evalInterval: 10, evalBatches: 1, checkpointInterval: 60, backend: 'cpu' },
    mixture: {
      policy: 'ado',
      prior: 'natural',
      ado: { startStep: 12, ignoreSteps: 2, updateInterval: 10, savgolWindow: 5, subsample: 1, bounds: { minLogEps: -1 }, fit: { starts: 'fast' } },
    },
  };
}
