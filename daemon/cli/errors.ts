/** How the CLI ends on an error: a UserError as one sentence with its exit code, anything else as a bug. */
import { UserError } from '../util/user-error';

export function reportFatal(error: unknown): never {
  if (error instanceof UserError) {
    process.stderr.write(`ado: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`ado: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.stderr.write('This is a bug in ADO Studio; please report it with the command you ran.\n');
  process.exit(70);
}
