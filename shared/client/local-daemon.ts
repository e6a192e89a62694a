/**
 * How a client on the same machine finds a running daemon: the daemon writes
 * <dataDir>/daemon.json on start (url, pid, port) next to its token file (mode 0600). The CLI
 * and the extension read both here, so neither ever takes a token from a URL or a command line.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const DAEMON_INFO_FILE = 'daemon.json';
export const TOKEN_FILE = 'token';

/** The contents of <dataDir>/daemon.json. */
export interface DaemonInfo {
  /** ws:// or wss:// URL of the daemon; its HTTP API is the same origin with http(s). */
  url: string;
  pid: number;
  host: string;
  port: number;
  tls: boolean;
  tokenFile: string;
  daemonVersion: string;
  /** Milliseconds since the Unix epoch. */
  startedAt: number;
}

/** `$ADO_DATA_DIR`, else ~/.ado: the run store shared by `ado train`, the daemon and the extension. */
export function defaultDataDir(): string {
  return process.env.ADO_DATA_DIR ? resolve(process.env.ADO_DATA_DIR) : join(homedir(), '.ado');
}

export class LocalDaemonError extends Error {}

/** The running daemon's info, or a LocalDaemonError that says how to start one. */
export function readDaemonInfo(dataDir: string): DaemonInfo {
  const file = join(dataDir, DAEMON_INFO_FILE);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DaemonInfo;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new LocalDaemonError(
      missing ? `no daemon has started with data dir ${dataDir} (${file} is missing); start one with "ado daemon"` : `${file} is not valid JSON`,
    );
  }
}

/** Reads a token file (trailing whitespace ignored). */
export function readTokenFile(file: string): string {
  let token: string;
  try {
    token = readFileSync(file, 'utf8').trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LocalDaemonError(code === 'ENOENT' ? `token file not found: ${file}` : `cannot read token file ${file} (${code})`);
  }
  if (!token) throw new LocalDaemonError(`token file ${file} is empty`);
  return token;
}
