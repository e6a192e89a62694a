/** `ado submit <config>`: validate a run config here, then queue it on the daemon. */
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'jsonc-parser';
import { absolutizeConfigPaths } from '../../../shared/client/config-paths';
import { DaemonRequestError } from '../../../shared/client/daemon-client';
import { formatDiagnostic, validateConfig, type ConfigDiagnostic } from '../../../shared/config';
import { ErrorCode } from '../../../shared/protocol';
import { connectToDaemon, withConnectionOptions, type ConnectionOptions } from '../daemon-connection';
import { UserError } from '../../util/user-error';
import { readTextFile } from '../read-input';

export function registerSubmit(program: Command): void {
  withConnectionOptions(program.command('submit').description('queue a run config on the daemon'))
    .argument('<config>', 'run config file (JSON with comments)')
    .option('--no-start', 'store the run without queueing it ("runs.start" later)')
    .option('--json', 'print the created run as JSON')
    .action(async (file: string, options: ConnectionOptions & { start: boolean; json?: boolean }) => {
      const text = readTextFile(file, 'config');
      // Checked here first, against the file itself, so diagnostics point at its lines.
      const { diagnostics } = validateConfig(text);
      for (const d of diagnostics) process.stderr.write(formatDiagnostic(file, d) + '\n');
      if (diagnostics.some((d) => d.severity === 'error')) throw new UserError(`${file} has errors; nothing was submitted`);
      const config = absolutizeConfigPaths(parse(text), dirname(resolve(file)));
      const client = await connectToDaemon(options, 'ado submit');
      try {
        const { run } = await client.request('runs.create', { config, start: options.start });
        if (options.json) process.stdout.write(JSON.stringify(run, null, 2) + '\n');
        else process.stdout.write(`${run.id} ${run.state}; follow it with: ado logs ${run.id} --follow\n`);
      } catch (error) {
        if (error instanceof DaemonRequestError && error.code === ErrorCode.InvalidConfig) {
          const refused = (error.data as { diagnostics: ConfigDiagnostic[] }).diagnostics.filter((d) => d.severity === 'error');
          throw new UserError(`the daemon refused ${file}: ${refused.map((d) => `${d.path}: ${d.message}`).join('; ')}`);
        }
        throw error instanceof DaemonRequestError ? new UserError(`the daemon refused ${file}: ${error.message}`) : error;
      } finally {
        client.close();
      }
    });
}
