/**
 * Starts the built daemon (`node dist/ado.js daemon`) in its own process, as users run it, on a
 * fresh data dir that goes once the daemon has exited.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DaemonInfo } from '../shared/client/local-daemon';

export interface LaunchedDaemon {
  info: DaemonInfo;
  token: string;
  dataDir: string;
  /** Resolves with the exit code once the daemon has exited and its data dir is gone. */
  exited: Promise<unknown>;
}

export async function launchBuiltDaemon(): Promise<LaunchedDaemon> {
  const cli = join(__dirname, '..', 'dist', 'ado.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'ado-bench-'));
  const child = spawn(process.execPath, [cli, 'daemon', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  const exited = new Promise((resolve) =>
    child.once('exit', (code) => {
      removeDataDir();
      resolve(code);
    }),
  );
  // A bench that fails before it shuts the daemon down takes the daemon and its data dir along.
  process.once('exit', () => {
    child.kill('SIGKILL');
    removeDataDir();
  });
  const infoFile = join(dataDir, 'daemon.json');
  for (let waited = 0; !existsSync(infoFile); waited += 50) {
    if (waited > 30_000 || child.exitCode !== null) throw new Error('the daemon did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const info = JSON.parse(readFileSync(infoFile, 'utf8')) as DaemonInfo;
  return { info, token: readFileSync(info.tokenFile, 'utf8').trim(), dataDir, exited };
}
