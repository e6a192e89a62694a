/**
 * How the CLI reaches a daemon: the local one through <dataDir>/daemon.json and its token file,
 * or any daemon through --url with --token-file (or $ADO_TOKEN). Tokens never come from the
 * command line itself, where other users could read them in the process list.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DaemonClient, DaemonConnectionError } from '../../shared/client/daemon-client';
import { LocalDaemonError, defaultDataDir, readDaemonInfo, readTokenFile } from '../../shared/client/local-daemon';
import type { RunSummary } from '../../shared/protocol';
import { UserError } from '../util/user-error';

export interface ConnectionOptions {
  url?: string;
  tokenFile?: string;
  dataDir?: string;
  ca?: string;
}

export function withConnectionOptions(command: Command): Command {
  return command
    .option('--url <url>', 'daemon URL (ws:// or wss://); default: the local daemon of --data-dir')
    .option('--token-file <file>', 'file holding the daemon\'s token (default: $ADO_TOKEN, or the local daemon\'s token file)')
    .option('--data-dir <dir>', 'data dir of the local daemon (default: $ADO_DATA_DIR or ~/.ado)')
    .option('--ca <file>', 'PEM certificate to trust, for a daemon with a self-signed TLS certificate');
}

/** `reconnect`: keep the connection across daemon restarts (for commands that follow a run). */
export async function connectToDaemon(options: ConnectionOptions, clientName: string, { reconnect = false } = {}): Promise<DaemonClient> {
  try {
    const { url, token } = locate(options);
    return await DaemonClient.connect({
      url,
      token,
      clientName,
      ca: options.ca ? readFileSync(options.ca) : undefined,
      reconnect,
    });
  } catch (error) {
    if (error instanceof LocalDaemonError || error instanceof DaemonConnectionError) throw new UserError(error.message);
    throw error;
  }
}

function locate(options: ConnectionOptions): { url: string; token: string } {
  if (options.url) {
    if (options.tokenFile) return { url: options.url, token: readTokenFile(options.tokenFile) };
    if (process.env.ADO_TOKEN) return { url: options.url, token: process.env.ADO_TOKEN.trim() };
    throw new UserError('--url needs the daemon\'s token: pass --token-file <file> or set ADO_TOKEN');
  }
  const info = readDaemonInfo(options.dataDir ?? defaultDataDir());
  return { url: info.url, token: readTokenFile(options.tokenFile ?? info.tokenFile) };
}

/** A run by exact id, unique id prefix, or name (the newest run of that name). */
export function findRun(runs: RunSummary[], reference: string): RunSummary {
  const exact = runs.find((r) => r.id === reference);
  if (exact) return exact;
  const byPrefix = runs.filter((r) => r.id.startsWith(reference));
  if (byPrefix.length === 1) return byPrefix[0];
  const byName = runs.filter((r) => r.name === reference).sort((a, b) => b.createdAt - a.createdAt);
  if (byName.length > 0) return byName[0];
  if (byPrefix.length > 1) throw new UserError(`"${reference}" matches ${byPrefix.length} runs: ${byPrefix.map((r) => r.id).join(', ')}`);
  throw new UserError(`no run "${reference}"; "ado runs" lists them`);
}
