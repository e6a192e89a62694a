/** The daemon's log: each line timestamped, to <dataDir>/daemon.log and (for `ado daemon`) stderr. */
import { createWriteStream } from 'node:fs';

export interface DaemonLog {
  (line: string): void;
  close(): Promise<void>;
}

export function openDaemonLog(file: string, echoToStderr: boolean): DaemonLog {
  const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  const log = ((line: string) => {
    const stamped = `${new Date().toISOString()} ${line}\n`;
    // Requests still being answered when the daemon stops may log after the file is closed.
    if (!stream.writableEnded) stream.write(stamped);
    if (echoToStderr) process.stderr.write(stamped);
  }) as DaemonLog;
  log.close = () => new Promise((resolve) => stream.end(resolve));
  return log;
}
