/**
 * Starting and stopping a whole daemon: the run store, the run manager, the server, the token,
 * daemon.json and the log. `ado daemon` calls this; so do the integration tests and the benchmark,
 * which therefore exercise exactly what users run.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import type { DaemonInfo } from '../../shared/client/local-daemon';
import type { BackendInfo } from '../../shared/protocol';
import { realDataRoots } from '../data/data-roots';
import { embeddedCorpusDir } from '../report/package-files';
import { paths } from '../runs/layout';
import { writeJsonAtomic } from '../util/atomic-write';
import { RunManager } from '../service/run-manager';
import { probeBackend, type WorkerEntry } from '../service/training-process';
import { openDaemonLog } from './daemon-log';
import { DEFAULT_SERVER_LIMITS, DaemonServer, type ServerLimits } from './daemon-server';
import { loadOrCreateToken } from './token';
import { UnusedShutdown } from './unused-shutdown';

export interface DaemonOptions {
  dataDir: string;
  version: string;
  /** Default 127.0.0.1. Anything else is reachable from other machines: it needs `tls`, or `insecure`, and is logged as such. */
  host?: string;
  /** Default DEFAULT_PORT; 0 picks a free port. */
  port?: number;
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Allows a non-loopback host without `tls` (`--insecure`). */
  insecure?: boolean;
  concurrency?: number;
  /** Folders whose files submitted configs may name, besides <dataDir>/datasets and the embedded corpus (`--data-root`). */
  dataRoots?: string[];
  allowedOrigins?: string[];
  worker: WorkerEntry;
  limits?: Partial<ServerLimits>;
  /** Also log to stderr (`ado daemon` does; tests do not). */
  echoLog?: boolean;
}

export interface RunningDaemon {
  /** ws:// or wss:// */
  url: string;
  /** http:// or https:// (the HTTP API). */
  httpUrl: string;
  port: number;
  dataDir: string;
  tokenFile: string;
  token: string;
  server: DaemonServer;
  manager: RunManager;
  /** Resolves once the daemon has stopped (daemon.shutdown, or `stop()`). */
  stopped: Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_PORT = 7433;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { dataDir } = options;
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host) && !options.tls && !options.insecure) {
    throw new Error(`--host ${host} is reachable from other machines, and without --tls-cert/--tls-key the token would cross the network in clear text; add TLS, or pass --insecure if the network is trusted`);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  mkdirSync(paths.datasets(dataDir), { recursive: true });
  const dataRoots = [...new Set(realDataRoots([paths.datasets(dataDir), embeddedCorpusDir(), ...(options.dataRoots ?? [])]))];
  refuseSecondDaemon(dataDir);
  const tokenFile = paths.token(dataDir);
  const token = loadOrCreateToken(tokenFile);
  const log = openDaemonLog(paths.daemonLog(dataDir), options.echoLog ?? false);

  const manager = new RunManager({
    dataDir,
    concurrency: options.concurrency ?? 1,
    worker: options.worker,
    configBaseDir: process.cwd(),
    dataRoots,
    log,
  });
  await manager.load();

  let backend: Promise<BackendInfo> | undefined;
  const startedAt = Date.now();
  let server: DaemonServer | undefined;
  let stopping: Promise<void> | undefined;
  let markStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));

  const unused = new UnusedShutdown(() => server?.clientCount ?? 0, (graceMs) => {
    log(`no client attached for ${graceMs / 1000} s (a client asked for a stop once unused)`);
    void stop();
  });
  const stop = () =>
    (stopping ??= (async () => {
      unused.cancel();
      log('shutting down: pausing trainings at a checkpoint');
      await server?.close();
      await manager.shutdown();
      removeDaemonInfo(dataDir);
      log('stopped');
      await log.close();
      markStopped();
    })());

  try {
    server = await DaemonServer.listen(
      { host, port: options.port ?? DEFAULT_PORT, token, tls: options.tls, allowedOrigins: options.allowedOrigins ?? [], limits: { ...DEFAULT_SERVER_LIMITS, ...options.limits }, log },
      {
        version: options.version,
        manager,
        dataDir,
        startedAt,
        backend: () => (backend ??= probeBackend(options.worker).catch((error: Error) => ({ name: 'unknown', gpu: false, detail: `backend probe failed: ${error.message}` }))),
        clientCount: () => server?.clientCount ?? 0,
        // After the reply has gone out.
        shutdown: (whenUnusedForMs) => (whenUnusedForMs === undefined ? void setTimeout(stop, 50) : unused.arm(whenUnusedForMs)),
      },
    );
  } catch (error) {
    await manager.shutdown();
    await log.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`port ${options.port ?? DEFAULT_PORT} on ${host} is in use; pass --port (0 picks a free one)`);
    throw error;
  }

  const url = server.url;
  const info: DaemonInfo = {
    url,
    pid: process.pid,
    host,
    port: server.port,
    tls: Boolean(options.tls),
    tokenFile,
    daemonVersion: options.version,
    startedAt,
  };
  writeJsonAtomic(paths.daemonInfo(dataDir), info);
  log(`ADO Studio daemon ${options.version} listening on ${url} (HTTP API: ${url.replace(/^ws/, 'http')}/v1)`);
  log(`token: ${tokenFile} (send it as "Authorization: Bearer <token>")`);
  log(`data dir: ${dataDir}; ${manager.list().length} runs; concurrency ${manager.concurrency}`);
  log(`data roots (submitted configs read only files in these): ${dataRoots.join(', ')}`);
  if (!LOOPBACK_HOSTS.has(host)) {
    log(`warning: listening on ${host}, reachable from other machines; anyone with the token can drive this daemon${options.tls ? '' : ', and without --tls-cert/--tls-key the token travels in clear text'}`);
  }

  return { url, httpUrl: url.replace(/^ws/, 'http'), port: server.port, dataDir, tokenFile, token, server, manager, stopped, stop };
}

/** Two daemons on one run store would interleave writes to the same event logs. */
function refuseSecondDaemon(dataDir: string): void {
  let info: DaemonInfo;
  try {
    info = JSON.parse(readFileSync(paths.daemonInfo(dataDir), 'utf8')) as DaemonInfo;
  } catch {
    return;
  }
  if (info.pid !== process.pid && processAlive(info.pid)) {
    throw new Error(`a daemon (pid ${info.pid}) already serves ${dataDir} at ${info.url}; stop it first, or use another --data-dir`);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeDaemonInfo(dataDir: string): void {
  try {
    const info = JSON.parse(readFileSync(paths.daemonInfo(dataDir), 'utf8')) as DaemonInfo;
    if (info.pid === process.pid) rmSync(paths.daemonInfo(dataDir));
  } catch {
    // Already gone, or replaced by another daemon: not ours to remove.
  }
}
