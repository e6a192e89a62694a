/** `ado daemon`: run the training daemon and scheduler service in the foreground until Ctrl-C. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultDataDir } from '../../runs/layout';
import { DEFAULT_OUTBOX_LIMITS } from '../../server/outbox';
import { DEFAULT_PORT, startDaemon } from '../../server/start-daemon';
import { UserError } from '../../util/user-error';

interface DaemonCommandOptions {
  port: string;
  host: string;
  dataDir?: string;
  tlsCert?: string;
  tlsKey?: string;
  insecure?: boolean;
  concurrency: string;
  dataRoot: string[];
  allowOrigin: string[];
  sendQueueMib: string;
}

const MiB = 1024 * 1024;

export function registerDaemon(program: Command): void {
  program
    .command('daemon')
    .description('run the daemon: trains runs from a queue, hosts schedulers for external trainers, serves the VS Code extension and the CLI')
    .option('--port <port>', 'port to listen on (0: any free port)', String(DEFAULT_PORT))
    .option('--host <host>', 'address to bind; anything but loopback is reachable from other machines, and needs TLS or --insecure', '127.0.0.1')
    .option('--data-dir <dir>', 'run store, token and logs (default: $ADO_DATA_DIR or ~/.ado)')
    .option('--tls-cert <file>', 'PEM certificate: serve wss:// and https://')
    .option('--tls-key <file>', 'PEM private key for --tls-cert')
    .option('--insecure', 'allow a non-loopback --host without TLS (the token then crosses the network in clear text)')
    .option('--concurrency <n>', 'trainings at once', '1')
    .option('--data-root <dir...>', 'a folder whose files submitted configs may read, besides <data dir>/datasets and the embedded corpus (repeatable)', [])
    .option('--allow-origin <origin...>', 'extra browser origins allowed to connect (e.g. https://code.example.com)', [])
    .option('--send-queue-mib <n>', 'MiB of messages kept for a client that reads slowly before it is disconnected', String(DEFAULT_OUTBOX_LIMITS.maxQueuedBytes / MiB))
    .action(async (options: DaemonCommandOptions) => {
      if (Boolean(options.tlsCert) !== Boolean(options.tlsKey)) throw new UserError('--tls-cert and --tls-key go together');
      const daemon = await startDaemon({
        dataDir: resolve(options.dataDir ?? defaultDataDir()),
        version: __ADO_VERSION__,
        host: options.host,
        port: integer(options.port, '--port', 0),
        tls: options.tlsCert ? { cert: readPem(options.tlsCert), key: readPem(options.tlsKey!) } : undefined,
        insecure: options.insecure,
        concurrency: integer(options.concurrency, '--concurrency', 1),
        dataRoots: options.dataRoot.map((dir) => resolve(dir)),
        allowedOrigins: options.allowOrigin,
        limits: { outbox: { ...DEFAULT_OUTBOX_LIMITS, maxQueuedBytes: integer(options.sendQueueMib, '--send-queue-mib', 1) * MiB } },
        // Both bundles sit in dist/.
        worker: { modulePath: join(__dirname, 'train-worker.js') },
        echoLog: true,
      }).catch((error: Error) => {
        throw new UserError(error.message);
      });
      const stop = () => void daemon.stop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await daemon.stopped;
    });
}

function integer(text: string, flag: string, minimum: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) throw new UserError(`${flag} must be an integer ≥ ${minimum}, got "${text}"`);
  return value;
}

function readPem(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new UserError(`cannot read ${file}`);
  }
}
