/** `ado logs <run> [--follow]`: a run's events, formatted; with --follow, then live until the run ends. */
import type { Command } from 'commander';
import { FINAL_STATES, type RunEvent } from '../../../shared/run-events';
import { connectToDaemon, findRun, withConnectionOptions, type ConnectionOptions } from '../daemon-connection';
import { formatEvent } from '../format-event';
import { reportFatal } from '../errors';
import { UserError } from '../../util/user-error';

interface LogsOptions extends ConnectionOptions {
  follow?: boolean;
  fromSeq: string;
  json?: boolean;
}

export function registerLogs(program: Command): void {
  withConnectionOptions(program.command('logs').description('print a run\'s events'))
    .argument('<run>', 'run id, a unique id prefix, or a run name (its newest run)')
    .option('-f, --follow', 'keep printing new events until the run ends (Ctrl-C to stop)')
    .option('--from-seq <seq>', 'only events after this sequence number', '0')
    .option('--json', 'print each event as one JSON line')
    .action(async (reference: string, options: LogsOptions) => {
      // `ado logs run | head` closes the pipe early; that ends the command, it is not an error.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? process.exit(0) : reportFatal(error)));
      const fromSeq = Number(options.fromSeq);
      if (!Number.isInteger(fromSeq) || fromSeq < 0) throw new UserError(`--from-seq must be a non-negative integer, got "${options.fromSeq}"`);
      // Following outlives daemon restarts: the client reconnects and resumes after the last seq printed.
      const client = await connectToDaemon(options, 'ado logs', { reconnect: Boolean(options.follow) });
      try {
        const run = findRun((await client.request('runs.list', {})).runs, reference);
        const endSeq = options.follow ? Infinity : run.lastSeq;
        let domains: string[] = [];
        await new Promise<void>((resolve, reject) => {
          if (endSeq <= fromSeq) return resolve();
          const print = (event: RunEvent) => {
            if (event.type === 'meta') domains = event.domains;
            process.stdout.write((options.json ? JSON.stringify(event) : formatEvent(event, domains)) + '\n');
            if (event.seq >= endSeq || (event.type === 'state' && FINAL_STATES.includes(event.state))) resolve();
          };
          client.subscribe(run.id, print, { fromSeq }).catch(reject);
          client.onStateChange((state, error) => state === 'closed' && reject(new UserError(error?.message ?? 'the connection closed')));
        });
      } finally {
        client.close();
      }
    });
}
