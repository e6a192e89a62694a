/** Errors the CLI prints as one sentence (no stack trace) and the exit codes they map to. */

/** A problem the user can fix: bad input, a missing file, an unavailable backend. Exit code 1. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'UserError';
  }
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
