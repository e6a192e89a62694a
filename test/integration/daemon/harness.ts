/** Starting a real daemon on a free loopback port with a fresh data dir, and connecting to it. */
import { mkdtempSync } from 'node:fs';
import WebSocket from 'ws';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DaemonClient, type DaemonClientOptions } from '../../../shared/client/daemon-client';
import { startDaemon, type DaemonOptions, type RunningDaemon } from '../../../daemon/server/start-daemon';

export const repoRoot = join(__dirname, '..', '..', '..');

/** The stand-in trainer, run as TypeScript through tsx. */
export const standInWorker = { modulePath: join(__dirname, 'fixtures', 'stand-in-worker.ts'), execArgv: ['--import', 'tsx'] };

export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'ado-daemon-test-'));
}

export function startTestDaemon(options: Partial<DaemonOptions> = {}): Promise<RunningDaemon> {
  return startDaemon({
    dataDir: freshDataDir(),
    version: 'test',
    port: 0,
    worker: standInWorker,
    ...options,
  });
}

export function connect(daemon: RunningDaemon, options: Partial<DaemonClientOptions> = {}): Promise<DaemonClient> {
  return DaemonClient.connect({ url: daemon.url, token: daemon.token, clientName: 'test', ...options });
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
