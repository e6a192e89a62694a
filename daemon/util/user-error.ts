/**
 * A problem the user can fix: bad input, a missing file, an unavailable backend. The CLI prints its
 * message as one sentence (no stack trace) and exits with `exitCode`; the daemon returns it as an
 * error reply. It lives in util so that data, backend and training code can raise it without
 * depending on the CLI.
 */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'UserError';
  }
}
