/** How the CLI ends on an error: a UserError as one sentence with its exit code, anything else as a bug. */
import type { CommanderError } from 'commander';
import { UserError } from '../util/user-error';

export const EXIT_USAGE = 2;

/** Commander reports bad usage with exit code 1; this CLI keeps 1 for user errors and uses 2 for usage. */
export function exitWithUsageCode(error: CommanderError): never {
  const usage = error.exitCode === 1 && error.code.startsWith('commander.');
  process.exit(usage ? EXIT_USAGE : error.exitCode);
}

export function reportFatal(error: unknown): never {
  if (error instanceof UserError) {
    process.stderr.write(`ado: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`ado: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.stderr.write('This is a bug in ADO Studio; please report it with the command you ran.\n');
  process.exit(70);
}
