/**
 * Where state lives on disk. One run store serves the daemon and the CLI (`ado train` writes the
 * same layout), so `ado report`, `--resume` and `runs.resume` all take the same run directory.
 *
 *   <dataDir>/                 default ~/.ado, or --data-dir, or $ADO_DATA_DIR
 *     token                    the daemon's bearer token (mode 0600)
 *     daemon.log
 *     cache/tokens/<key>/      tokenised corpora, shared by runs
 *     runs/<runId>/
 *       run.json               identity and state (replaced atomically)
 *       config.json            the resolved config the run trains with
 *       events.jsonl           append-only event log, one event per line, seq from 1
 *       checkpoints/           written by the trainer (see daemon/train/checkpoint.ts)
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function defaultDataDir(): string {
  return process.env.ADO_DATA_DIR ? resolve(process.env.ADO_DATA_DIR) : join(homedir(), '.ado');
}

export const paths = {
  token: (dataDir: string) => join(dataDir, 'token'),
  daemonLog: (dataDir: string) => join(dataDir, 'daemon.log'),
  tokenCache: (dataDir: string) => join(dataDir, 'cache', 'tokens'),
  runs: (dataDir: string) => join(dataDir, 'runs'),
  run: (dataDir: string, runId: string) => join(dataDir, 'runs', runId),
  runRecord: (runDir: string) => join(runDir, 'run.json'),
  runConfig: (runDir: string) => join(runDir, 'config.json'),
  events: (runDir: string) => join(runDir, 'events.jsonl'),
  checkpoints: (runDir: string) => join(runDir, 'checkpoints'),
};
