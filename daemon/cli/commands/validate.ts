/**
 * `ado validate <config>`: prints `file:line:col severity message` lines; exit 1 on any error. Beyond
 * the shared validateConfig, it estimates from file sizes whether a domain would exceed mixture.maxEpochs.
 */
import type { Command } from 'commander';
import { dirname, resolve } from 'node:path';
import { formatDiagnostic, validateConfig } from '../../../shared/config';
import { plannedEpochDiagnostics } from '../../validate/planned-epochs';
import { readTextFile } from '../read-input';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check a run config (schema and semantic rules) and print its diagnostics')
    .argument('<config>', 'run config file (JSON with comments)')
    .option('--json', 'print the diagnostics as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const text = readTextFile(file, 'config');
      const { diagnostics, config } = validateConfig(text);
      if (config) diagnostics.push(...(await plannedEpochDiagnostics(text, config, dirname(resolve(file)))));
      if (options.json) process.stdout.write(JSON.stringify({ file, diagnostics }, null, 2) + '\n');
      else for (const d of diagnostics) process.stdout.write(formatDiagnostic(file, d) + '\n');
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      if (!options.json) process.stderr.write(errors === 0 ? `${file}: valid (${diagnostics.length} note${diagnostics.length === 1 ? '' : 's'})\n` : `${file}: ${errors} error${errors === 1 ? '' : 's'}\n`);
      process.exitCode = errors > 0 ? 1 : 0;
    });
}
