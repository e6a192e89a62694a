/** `ado status`: is the daemon up, and what is it doing. */
import type { Command } from 'commander';
import { connectToDaemon, withConnectionOptions, type ConnectionOptions } from '../daemon-connection';

export function registerStatus(program: Command): void {
  withConnectionOptions(program.command('status').description('show the daemon\'s status'))
    .option('--json', 'print the status as JSON')
    .action(async (options: ConnectionOptions & { json?: boolean }) => {
      const client = await connectToDaemon(options, 'ado status');
      try {
        const status = await client.request('daemon.status', {});
        if (options.json) return void process.stdout.write(JSON.stringify(status, null, 2) + '\n');
        const runs = Object.entries(status.runs).map(([state, count]) => `${count} ${state}`).join(', ') || 'none';
        process.stdout.write(
          [
            `daemon ${status.daemonVersion} (protocol ${status.protocolVersion}), pid ${status.pid}, up ${Math.round(status.uptimeMs / 1000)} s`,
            `data dir: ${status.dataDir}`,
            `backend: ${status.backend.name}${status.backend.gpu ? ' (GPU)' : ''}: ${status.backend.detail}`,
            `runs: ${runs}; concurrency ${status.concurrency}`,
            `clients: ${status.clients}; memory: ${(status.rssBytes / 2 ** 20).toFixed(0)} MiB`,
          ].join('\n') + '\n',
        );
      } finally {
        client.close();
      }
    });
}
