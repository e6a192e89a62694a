/**
 * The daemon protocol, defined once and imported by the daemon, the CLI, the extension host and
 * the tests. JSON-RPC 2.0 over WebSocket text frames:
 *   request      {jsonrpc: "2.0", id, method, params}       client → daemon
 *   response     {jsonrpc: "2.0", id, result | error}       daemon → client
 *   notification {jsonrpc: "2.0", method, params}           daemon → client
 * The token travels in the upgrade request's `Authorization: Bearer <token>` header, never in a URL.
 * A client sends `initialize` first; other requests before it get ErrorCode.NotInitialized.
 *
 * Params are TypeBox schemas so the daemon validates them at runtime with the same definition.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { ConfigDiagnostic } from './config/diagnostics';
import { MIXTURE_KINDS, type FixedWeightsFile, type ScheduleFile } from './mixture-files';
import type { RunEvent, RunKind, RunState } from './run-events';

/** Bumped on any incompatible change. The daemon refuses clients with another major version. */
export const PROTOCOL_VERSION = 1;

/**
 * Requests one connection may have waiting for their answers. The daemon closes a connection that
 * sends more (CloseCode.TooManyRequestsInFlight); DaemonClient holds further requests back until
 * answers come, so its users never meet the bound.
 */
export const MAX_REQUESTS_IN_FLIGHT = 64;

/** runs.history's largest `maxPoints`; a longer run comes in ranges (`fromStep`, `toStep`) at full resolution. */
export const MAX_HISTORY_POINTS = 10_000;

export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  NotInitialized: -32002,
  ProtocolVersionMismatch: -32003,
  RunNotFound: -32004,
  InvalidConfig: -32010,
  InvalidRunState: -32011,
  RateLimited: -32029,
  InvalidFeedback: -32012,
} as const;

const RunId = Type.String({ minLength: 1, maxLength: 128, description: 'Run identifier returned by runs.create.' });
const RunRef = Type.Object({ runId: RunId }, { additionalProperties: false });
const Empty = Type.Object({}, { additionalProperties: false });

export interface RunSummary {
  id: string;
  name: string;
  kind: RunKind;
  state: RunState;
  policy: string;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
  step: number;
  totalSteps?: number;
  /** Latest training loss (nats/token). */
  loss?: number;
  /** Latest uniform-average validation loss. */
  validationLoss?: number;
  /** The domain with the largest current weight, and that weight. */
  topDomain?: { name: string; weight: number };
  /** Sequence number of the run's newest event. */
  lastSeq: number;
  message?: string;
}

export interface BackendInfo {
  /** "tensorflow" | "wasm" | "cpu" */
  name: string;
  /** True only when a GPU is really in use. */
  gpu: boolean;
  detail: string;
}

/** A series of step metrics, averaged over buckets so that at most `maxPoints` remain. */
export interface StepHistory {
  step: number[];
  tokens: number[];
  elapsedMs: number[];
  loss: (number | null)[];
  /** [domain][point] */
  domainLosses: (number | null)[][];
  /** [domain][point] */
  weights: number[][];
  /** [domain][point]; present when the run tracks epochs. */
  epochs?: number[][];
}

/**
 * Every request: its params schema (validated by the daemon) and result type.
 * Direction: client → daemon, answered by the daemon.
 */
export const Requests = {
  /** First message of every connection: protocol version check and capabilities. */
  initialize: Type.Object(
    { client: Type.String({ maxLength: 200 }), protocolVersion: Type.Integer({ minimum: 0 }) },
    { additionalProperties: false },
  ),
  'runs.list': Empty,
  /** Validates `config` with the shared validateConfig; invalid → InvalidConfig with every diagnostic in error.data. */
  'runs.create': Type.Object(
    {
      config: Type.Unknown({ description: 'The run config as a JSON value.' }),
      /** Queue it right away (default true). */
      start: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  /** An external run: the daemon hosts only the mixture policy (see scheduler.observe). */
  'runs.createExternal': Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
      domains: Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { minItems: 1, maxItems: 1024 }),
      /** Prior weights per domain (normalised); uniform when absent. */
      prior: Type.Optional(Type.Array(Type.Number({ exclusiveMinimum: 0 }))),
      /** A `mixture` section as in the run config (policy, ado, odm, fixed...). */
      mixture: Type.Optional(Type.Unknown()),
      /** Tokens per sample, for n's 1024-token unit (default 1024). */
      tokensPerSample: Type.Optional(Type.Integer({ minimum: 1 })),
    },
    { additionalProperties: false },
  ),
  'runs.start': RunRef,
  'runs.pause': RunRef,
  /** Continues a paused run, or an interrupted one from its last checkpoint (an external run: from its saved policy state; its trainer's next scheduler request does the same). */
  'runs.resume': RunRef,
  'runs.stop': RunRef,
  'runs.delete': RunRef,
  'runs.get': RunRef,
  /** Step metrics downsampled server-side, plus every eval and fit event in the range. */
  'runs.history': Type.Object(
    {
      runId: RunId,
      fromStep: Type.Optional(Type.Integer({ minimum: 0 })),
      toStep: Type.Optional(Type.Integer({ minimum: 0 })),
      /** Default 2000, at most MAX_HISTORY_POINTS. */
      maxPoints: Type.Optional(Type.Integer({ minimum: 2, maximum: MAX_HISTORY_POINTS })),
      /**
       * "newest": only the newest fit keeps its observed points (older fits come with empty ones),
       * the only ones a chart draws and most of the fits' size. Default "all". Capability
       * "history-trim"; daemons without it refuse the parameter.
       */
      fitPoints: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('newest')])),
      /**
       * Significant digits kept of every measured value: the step metrics (loss, domain losses,
       * weights, epochs) and the numbers of the eval and fit events; steps, tokens and times stay
       * exact. Default all. Capability "history-trim".
       */
      digits: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
    },
    { additionalProperties: false },
  ),
  /** The mixture a run used, as the file `ado export-mixture --kind <kind>` writes. */
  'runs.exportMixture': Type.Object(
    { runId: RunId, kind: Type.Union(MIXTURE_KINDS.map((kind) => Type.Literal(kind))) },
    { additionalProperties: false },
  ),
  /** Replays persisted events with seq > fromSeq, then streams live ones as `run.event`. */
  'runs.subscribe': Type.Object({ runId: RunId, fromSeq: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
  'runs.unsubscribe': RunRef,
  'config.validate': Type.Object({ text: Type.String({ maxLength: 1_000_000 }) }, { additionalProperties: false }),
  /** External trainers: report one (or N aggregated) steps, get the next distribution. */
  'scheduler.observe': Type.Object(
    {
      runId: RunId,
      step: Type.Integer({ minimum: 0 }),
      counts: Type.Array(Type.Integer({ minimum: 0 })),
      losses: Type.Array(Type.Union([Type.Number(), Type.Null()])),
    },
    { additionalProperties: false },
  ),
  'scheduler.weights': RunRef,
  'daemon.status': Empty,
  /**
   * Stops the daemon. With whenUnusedForMs, only once no client has been connected for that long
   * (the extension's window closing; a reloaded window attaches again in time).
   */
  'daemon.shutdown': Type.Object({ whenUnusedForMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400_000 })) }, { additionalProperties: false }),
} satisfies Record<string, TSchema>;

export type RequestMethod = keyof typeof Requests;
export type RequestParams<M extends RequestMethod> = Static<(typeof Requests)[M]>;

export interface RequestResults {
  initialize: { daemonVersion: string; protocolVersion: number; capabilities: string[]; backend: BackendInfo };
  'runs.list': { runs: RunSummary[] };
  'runs.create': { run: RunSummary; diagnostics: ConfigDiagnostic[] };
  'runs.createExternal': { run: RunSummary };
  'runs.start': { run: RunSummary };
  'runs.pause': { run: RunSummary };
  'runs.resume': { run: RunSummary };
  'runs.stop': { run: RunSummary };
  'runs.delete': { runId: string };
  'runs.get': { run: RunSummary; config: unknown };
  'runs.history': {
    steps: StepHistory;
    evals: RunEvent[];
    fits: RunEvent[];
    meta: RunEvent | null;
    /** The newest text samples (training.samples); absent when the run writes none. */
    samples?: RunEvent;
  };
  'runs.exportMixture': { file: FixedWeightsFile | ScheduleFile };
  'runs.subscribe': { lastSeq: number };
  'runs.unsubscribe': Record<string, never>;
  'config.validate': { diagnostics: ConfigDiagnostic[] };
  'scheduler.observe': { weights: number[]; step: number };
  'scheduler.weights': { weights: number[]; step: number };
  'daemon.status': {
    daemonVersion: string;
    protocolVersion: number;
    pid: number;
    uptimeMs: number;
    dataDir: string;
    clients: number;
    backend: BackendInfo;
    runs: Partial<Record<RunState, number>>;
    concurrency: number;
    rssBytes: number;
  };
  'daemon.shutdown': Record<string, never>;
}

/**
 * Notifications. Direction: daemon → client.
 *  - `run.event`: one event of a subscribed run (see shared/run-events.ts).
 *  - `runs.changed`: a run was created, changed state, or was deleted (sent to every client).
 */
export interface Notifications {
  'run.event': RunEvent;
  'runs.changed': { run: RunSummary; deleted?: boolean };
}
export type NotificationMethod = keyof Notifications;

/** Capabilities the daemon announces in `initialize`. */
export const CAPABILITIES = ['runs', 'history', 'history-trim', 'subscribe', 'external-scheduler', 'config-validation'] as const;

/** HTTP routes for external trainers (same bearer token). Python's standard library has no WebSocket client. */
export const HttpRoutes = {
  createRun: 'POST /v1/runs',
  getRun: 'GET /v1/runs/{id}',
  observe: 'POST /v1/runs/{id}/observe',
  weights: 'GET /v1/runs/{id}/weights',
} as const;

export interface JsonRpcRequest<M extends RequestMethod = RequestMethod> {
  jsonrpc: '2.0';
  id: number | string;
  method: M;
  params: RequestParams<M>;
}

export interface JsonRpcError {
  code: number;
  message: string;
  data?: unknown;
}

export type JsonRpcResponse =
  | { jsonrpc: '2.0'; id: number | string | null; result: unknown }
  | { jsonrpc: '2.0'; id: number | string | null; error: JsonRpcError };

export interface JsonRpcNotification<N extends NotificationMethod = NotificationMethod> {
  jsonrpc: '2.0';
  method: N;
  params: Notifications[N];
}
