/**
 * What each protocol method does: one handler per method in shared/protocol.ts, typed by it.
 * Handlers receive params already validated against the protocol's schemas.
 */
import { validateConfig } from '../../shared/config';
import { CAPABILITIES, ErrorCode, PROTOCOL_VERSION, type BackendInfo, type RequestMethod, type RequestParams, type RequestResults } from '../../shared/protocol';
import { exportMixture } from '../mixture-export/export-mixture';
import { ProtocolError } from '../service/protocol-error';
import type { StreamedJson } from '../util/streamed-json';
import { UserError } from '../util/user-error';
import type { RunManager } from '../service/run-manager';
import type { ClientConnection } from './client-connection';

/** What the handlers need from the daemon around them. */
export interface DaemonContext {
  /** The daemon's version (the package version in a build). */
  version: string;
  manager: RunManager;
  dataDir: string;
  startedAt: number;
  backend(): Promise<BackendInfo>;
  clientCount(): number;
  /** Replies go out first; the daemon stops right after, or once unused for `whenUnusedForMs`. */
  shutdown(whenUnusedForMs?: number): void;
}

/** A result, or one to write part by part as the client reads it. */
export type Answer<T> = T | StreamedJson<T>;

export type MethodTable = {
  [M in RequestMethod]: (params: RequestParams<M>, connection: ClientConnection) => Answer<RequestResults[M]> | Promise<Answer<RequestResults[M]>>;
};

export function createMethods(daemon: DaemonContext): MethodTable {
  const { manager, version } = daemon;
  return {
    initialize: async ({ client, protocolVersion }, connection) => {
      if (protocolVersion !== PROTOCOL_VERSION) {
        throw new ProtocolError(
          ErrorCode.ProtocolVersionMismatch,
          `protocol version ${protocolVersion} is not supported; this daemon (${version}) speaks version ${PROTOCOL_VERSION}. Update the ${protocolVersion < PROTOCOL_VERSION ? 'client' : 'daemon'}.`,
          { protocolVersion: PROTOCOL_VERSION, daemonVersion: version },
        );
      }
      connection.markInitialized(client);
      return { daemonVersion: version, protocolVersion: PROTOCOL_VERSION, capabilities: [...CAPABILITIES], backend: await daemon.backend() };
    },
    'runs.list': () => ({ runs: manager.list() }),
    'runs.create': (params) => manager.create(params),
    'runs.createExternal': async (params) => ({ run: await manager.createExternal(params) }),
    'runs.start': ({ runId }) => ({ run: manager.start(runId) }),
    'runs.pause': async ({ runId }) => ({ run: await manager.pause(runId) }),
    'runs.resume': async ({ runId }) => ({ run: await manager.resume(runId) }),
    'runs.stop': async ({ runId }) => ({ run: await manager.stop(runId) }),
    'runs.delete': async ({ runId }) => {
      await manager.delete(runId);
      return { runId };
    },
    'runs.get': ({ runId }) => {
      const run = manager.get(runId);
      return { run: run.summary(), config: run.config };
    },
    'runs.history': (params) => manager.history(params),
    'runs.exportMixture': async ({ runId, kind }) => {
      const run = manager.get(runId);
      try {
        return { file: await exportMixture(run.dir, kind) };
      } catch (error) {
        // A run without steps has no mixture yet: the client's mistake, not the daemon's.
        if (error instanceof UserError) throw new ProtocolError(ErrorCode.InvalidRunState, error.message);
        throw error;
      }
    },
    'runs.subscribe': ({ runId, fromSeq }, connection) => {
      const run = manager.get(runId);
      connection.subscribe(run, fromSeq);
      return { lastSeq: run.lastSeq };
    },
    'runs.unsubscribe': ({ runId }, connection) => {
      connection.unsubscribe(runId);
      return {};
    },
    'config.validate': ({ text }) => ({ diagnostics: validateConfig(text).diagnostics }),
    'scheduler.observe': (params) => manager.observe(params),
    'scheduler.weights': ({ runId }) => manager.weights(runId),
    'daemon.status': async () => ({
      daemonVersion: version,
      protocolVersion: PROTOCOL_VERSION,
      pid: process.pid,
      uptimeMs: Date.now() - daemon.startedAt,
      dataDir: daemon.dataDir,
      clients: daemon.clientCount(),
      backend: await daemon.backend(),
      runs: manager.countByState(),
      concurrency: manager.concurrency,
      rssBytes: process.memoryUsage.rss(),
    }),
    'daemon.shutdown': ({ whenUnusedForMs }) => {
      daemon.shutdown(whenUnusedForMs);
      return {};
    },
  };
}
