/**
 * Turns a failed or lost daemon connection into a sentence that says what to do about it. No
 * vscode import: the integration tests check these against real refusals.
 */
import { droppedByDaemon } from '../../shared/client/close-codes';
import { DaemonConnectionError } from '../../shared/client/daemon-client';
import type { DaemonEndpoint } from './daemon-connection';

export type FailureKind = 'auth' | 'protocol' | 'tls' | 'unreachable' | 'dropped';

export interface ConnectionFailure {
  kind: FailureKind;
  message: string;
}

export function describeConnectionFailure(error: unknown, endpoint: Pick<DaemonEndpoint, 'kind' | 'url'>): ConnectionFailure {
  const detail = error instanceof Error ? error.message : String(error);
  const where = `the ${endpoint.kind} daemon at ${endpoint.url}`;
  if (error instanceof DaemonConnectionError && error.close && droppedByDaemon(error.close.code)) {
    const why = error.close.reason || `close code ${error.close.code}`;
    return { kind: 'dropped', message: `ADO Studio: ${where} closed this window's connection: ${why}.` };
  }
  if (/HTTP 40[13]\b/.test(detail)) {
    const tokenHint = endpoint.kind === 'local'
      ? 'The token file may have been replaced; start the local daemon again.'
      : 'Attach again with the token from the daemon\'s <data dir>/token file.';
    return { kind: 'auth', message: `ADO Studio: ${where} rejected the token. ${tokenHint}` };
  }
  if (/protocol version/i.test(detail)) {
    return { kind: 'protocol', message: `ADO Studio cannot work with ${where}: ${detail.replace(/^the daemon refused the connection: /, '')}` };
  }
  if (/certificate|self[- ]signed|\bSSL\b|\bTLS\b|EPROTO|wrong version number/i.test(detail)) {
    return {
      kind: 'tls',
      message: `ADO Studio: the TLS handshake with ${where} failed (${detail}). For a self-signed certificate, set "ado.remote.caFile" to the certificate file.`,
    };
  }
  return { kind: 'unreachable', message: `ADO Studio: cannot connect to ${where}: ${detail}` };
}
