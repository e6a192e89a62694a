/**
 * Where state lives on disk. One run store serves the daemon and the CLI (`ado train` writes the
 * same layout), so `ado report`, `--resume` and `runs.resume` all take the same run directory.
 *
 *   <dataDir>/                 default ~/.ado, or --data-dir, or $ADO_DATA_DIR
 *     token                    the daemon's bearer token (mode 0600)
 *     daemon.json              the running daemon's url, pid and port (read by local clients)
 *     daemon.log
 *     cache/tokens/<key>/      tokenised corpora, shared by runs
 *     datasets/                the daemon's default data root: data files for configs it is sent
 *     runs/<runId>/
 *       run.json               identity and state (replaced atomically)
 *       config.json            the resolved config the run trains with
 *       events.jsonl           append-only event log, one event per line, seq from 1
 *       checkpoints/           written by the trainer (see daemon/train/checkpoint.ts)
 *       policy-state.json      external runs: the hosted policy's snapshot (replaced atomically)
 */
import { join } from 'node:path';
import { DAEMON_INFO_FILE, TOKEN_FILE } from '../../shared/client/local-daemon';

// Local clients (the extension, the CLI) find the data dir the same way, so it is defined with them.
export { defaultDataDir } from '../../shared/client/local-daemon';

export const paths = {
  token: (dataDir: string) => join(dataDir, TOKEN_FILE),
  daemonInfo: (dataDir: string) => join(dataDir, DAEMON_INFO_FILE),
  daemonLog: (dataDir: string) => join(dataDir, 'daemon.log'),
  tokenCache: (dataDir: string) => join(dataDir, 'cache', 'tokens'),
  datasets: (dataDir: string) => join(dataDir, 'datasets'),
  runs: (dataDir: string) => join(dataDir, 'runs'),
  run: (dataDir: string, runId: string) => join(dataDir, 'runs', runId),
  runRecord: (runDir: string) => join(runDir, 'run.json'),
  runConfig: (runDir: string) => join(runDir, 'config.json'),
  events: (runDir: string) => join(runDir, 'events.jsonl'),
  checkpoints: (runDir: string) => join(runDir, 'checkpoints'),
  policyState: (runDir: string) => join(runDir, 'policy-state.json'),
};
