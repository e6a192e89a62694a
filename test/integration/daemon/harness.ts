/** Starting a real daemon on a free loopback port with a fresh data dir, and connecting to it. */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import WebSocket from 'ws';
import { join } from 'node:path';
import { DaemonClient, type DaemonClientOptions } from '../../../shared/client/daemon-client';
import type { DaemonInfo } from '../../../shared/client/local-daemon';
import { startDaemon, type DaemonOptions, type RunningDaemon } from '../../../daemon/server/start-daemon';
import { killBeforeRemoval, stopBeforeRemoval, tempDir } from '../../helpers/temp-dir';

export const repoRoot = join(__dirname, '..', '..', '..');

/** The stand-in trainer, run as TypeScript through tsx. */
export const standInWorker = { modulePath: join(__dirname, 'fixtures', 'stand-in-worker.ts'), execArgv: ['--import', 'tsx'] };

/** A fresh data dir, removed when the test file ends. */
export function freshDataDir(): string {
  return tempDir('ado-daemon-test-');
}

/** A daemon in this process; one a failing test leaves running is stopped before its data dir goes. */
export async function startTestDaemon(options: Partial<DaemonOptions> = {}): Promise<RunningDaemon> {
  const daemon = await startDaemon({
    version: 'test',
    port: 0,
    worker: standInWorker,
    ...options,
    dataDir: options.dataDir ?? freshDataDir(),
  });
  void daemon.stopped.then(stopBeforeRemoval(() => daemon.stop()));
  return daemon;
}

/** The built CLI: the daemon as users run it, for tests that kill its process. */
export const builtCli = join(repoRoot, 'dist', 'ado.js');

export interface DaemonProcess {
  child: ChildProcess;
  client: DaemonClient;
  info: DaemonInfo;
  token: string;
}

/** `node dist/ado.js daemon` on `dataDir` (and `extraArgs`) in its own process, with a connected client (no reconnects). */
export async function launchBuiltDaemon(dataDir: string, extraArgs: string[] = []): Promise<DaemonProcess> {
  rmSync(join(dataDir, 'daemon.json'), { force: true });
  const child = spawn(process.execPath, [builtCli, 'daemon', '--port', '0', '--data-dir', dataDir, ...extraArgs], { stdio: ['ignore', 'ignore', 'pipe'] });
  killBeforeRemoval(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  await waitFor(() => existsSync(join(dataDir, 'daemon.json')) || child.exitCode !== null, 'the daemon to start');
  assert.equal(child.exitCode, null, `the daemon exited: ${stderr}`);
  const info = JSON.parse(readFileSync(join(dataDir, 'daemon.json'), 'utf8')) as DaemonInfo;
  const token = readFileSync(info.tokenFile, 'utf8').trim();
  const client = await DaemonClient.connect({ url: info.url, token, clientName: 'crash test', reconnect: false });
  return { child, client, info, token };
}

export function connect(daemon: RunningDaemon, options: Partial<DaemonClientOptions> = {}): Promise<DaemonClient> {
  return DaemonClient.connect({ url: daemon.url, token: daemon.token, clientName: 'test', ...options });
}

/** A daemon on `dataDir` with one connected client, for a describe block: up before its tests, down after them. */
export function daemonForSuite(dataDir: string): { readonly daemon: RunningDaemon; readonly client: DaemonClient } {
  const suite = {} as { daemon: RunningDaemon; client: DaemonClient };
  before(async () => {
    suite.daemon = await startTestDaemon({ dataDir });
    suite.client = await connect(suite.daemon);
  });
  after(async () => {
    suite.client.close();
    await suite.daemon.stop();
  });
  return suite;
}

/** Resolves when `predicate` holds, polling; rejects after `timeoutMs` with `what` in the message. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A bare WebSocket (no handshake, no client library) for sending arbitrary frames. */
export class RawSocket {
  private readonly inbox: unknown[] = [];
  private waiter: (() => void) | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.inbox.push(JSON.parse(data.toString()));
      this.waiter?.();
    });
  }

  static open(daemon: RunningDaemon, headers: Record<string, string> = { Authorization: `Bearer ${daemon.token}` }): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(daemon.url, { headers });
      socket.once('open', () => resolve(new RawSocket(socket)));
      socket.once('error', reject);
    });
  }

  send(frame: string | object): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next message the daemon sends (replies and notifications alike). */
  async next(timeoutMs = 10_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    while (this.inbox.length === 0) {
      if (Date.now() > deadline) throw new Error('no message from the daemon');
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        setTimeout(resolve, 50);
      });
    }
    return this.inbox.shift();
  }

  /** The reply to request `id`, skipping notifications. */
  async reply(id: number | string | null): Promise<any> {
    for (;;) {
      const message = await this.next();
      if ('id' in message && message.id === id) return message;
    }
  }

  close(): void {
    this.socket.close();
  }
}
