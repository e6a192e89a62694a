/**
 * The sentence for a run config a daemon did not accept. No vscode import: an integration test
 * checks it against real refusals.
 */
import { DaemonRequestError } from '../../shared/client/daemon-client';
import type { ConfigDiagnostic } from '../../shared/config';
import { ErrorCode } from '../../shared/protocol';
import type { DaemonEndpoint } from './daemon-connection';

/** What a local daemon's data roots are (local-daemon.ts) and how this window gets its own folders in. */
const LOCAL_DATA_ROOTS_HINT =
  'The local daemon reads data only in the workspace folders of the window that started it, its data dir\'s datasets folder and the embedded corpus: run "ADO Studio: Stop Local Daemon", then submit again from this window.';

export function describeRefusedRun(error: unknown, endpoint: Pick<DaemonEndpoint, 'kind'>): string {
  const detail = error instanceof Error ? error.message : String(error);
  const hint = endpoint.kind === 'local' && outsideDataRoots(error) ? ` ${LOCAL_DATA_ROOTS_HINT}` : '';
  return `ADO Studio: the daemon did not accept the run: ${detail}${hint}`;
}

function outsideDataRoots(error: unknown): boolean {
  if (!(error instanceof DaemonRequestError) || error.code !== ErrorCode.InvalidConfig) return false;
  const { diagnostics } = (error.data ?? {}) as { diagnostics?: ConfigDiagnostic[] };
  return diagnostics?.some((d) => d.code === 'data-root') ?? false;
}
