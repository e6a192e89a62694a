/**
 * A typed WebSocket client for the daemon protocol (shared/protocol.ts), for Node: the CLI, the
 * VS Code extension host, tests and benchmarks all use it.
 *
 *   const client = await DaemonClient.connect({ url, token, clientName: 'vscode' });
 *   const { runs } = await client.request('runs.list', {});
 *   const sub = await client.subscribe(runId, (event) => draw(event), { fromSeq: 0 });
 *   client.onNotification('runs.changed', ({ run }) => refreshTree(run));
 *
 * After the first successful connection the client reconnects by itself with jittered backoff,
 * repeats the `initialize` handshake, and resubscribes every run from the last seq it delivered,
 * so listeners see each event exactly once and in order across disconnects (a laptop lid closed
 * overnight, a daemon restart, a send-queue overflow). Requests in flight when the connection
 * drops fail with DaemonConnectionError: the client cannot know whether the daemon acted on them.
 */
import WebSocket from 'ws';
import {
  MAX_REQUESTS_IN_FLIGHT,
  PROTOCOL_VERSION,
  type JsonRpcError,
  type NotificationMethod,
  type Notifications,
  type RequestMethod,
  type RequestParams,
  type RequestResults,
} from '../protocol';
import type { RunEvent } from '../run-events';
import { Backoff, type BackoffOptions } from './backoff';
import { describeClose } from './close-codes';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** VS Code's shape, so the extension can push these into `context.subscriptions`. */
export interface Disposable {
  dispose(): void;
}

export interface DaemonClientOptions {
  /** ws://host:port or wss://host:port. */
  url: string;
  token: string;
  /** Sent in `initialize`; shows up in the daemon's log. */
  clientName: string;
  /** PEM certificate(s) to trust, for a daemon with a self-signed TLS certificate. */
  ca?: string | Buffer;
  /** Reconnect after a lost connection (default true). The first connection never retries. */
  reconnect?: boolean;
  backoff?: BackoffOptions;
  /** A request without an answer after this long fails (default 60 s). */
  requestTimeoutMs?: number;
  /** Ping the daemon this often and reconnect when a ping goes unanswered (default 30 s). */
  heartbeatIntervalMs?: number;
}

/** The daemon answered with a JSON-RPC error; `code` is one of protocol.ts's ErrorCode. */
export class DaemonRequestError extends Error {
  readonly code: number;
  readonly data: unknown;
  constructor(error: JsonRpcError) {
    super(error.message);
    this.name = 'DaemonRequestError';
    this.code = error.code;
    this.data = error.data;
  }
}

/**
 * The connection failed or dropped. `fatal`: retrying cannot help (bad token, refused origin,
 * protocol mismatch). `close`: how the connection ended, when it was open (shared/client/close-codes.ts).
 */
export class DaemonConnectionError extends Error {
  constructor(message: string, readonly fatal = false, readonly close?: { code: number; reason: string }) {
    super(message);
    this.name = 'DaemonConnectionError';
  }
}

export type RunEventListener = (event: RunEvent) => void;

export interface RunSubscription extends Disposable {
  readonly runId: string;
  /** Seq of the newest event delivered to this subscription's listener. */
  readonly lastSeq: number;
}

export interface SubscribeOptions {
  /** Deliver events with seq > fromSeq (default 0: the whole run). */
  fromSeq?: number;
}

type InitializeResult = RequestResults['initialize'];

interface PendingRequest {
  /** Runs synchronously on the reply, before any later frame is handled (resolve runs a microtask later). */
  onReply?: () => void;
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

class LocalSubscription implements RunSubscription {
  /**
   * False until the daemon has answered this subscription's runs.subscribe: events still in
   * flight from the run's previous cursor could otherwise jump ahead of the replay it asked for.
   */
  active = false;

  constructor(
    readonly runId: string,
    public lastSeq: number,
    private readonly listener: RunEventListener,
    readonly dispose: () => void,
  ) {}

  deliver(event: RunEvent): void {
    if (!this.active || event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    this.listener(event);
  }
}

export class DaemonClient {
  /** The daemon's answer to `initialize` on the current connection. */
  info!: InitializeResult;
  private socket: WebSocket | null = null;
  private connectionState: ConnectionState = 'connecting';
  private nextRequestId = 1;
  private readonly pending = new Map<number, PendingRequest>();
  /** Requests held back while MAX_REQUESTS_IN_FLIGHT others wait for answers, in order. */
  private readonly slotWaiters: (() => void)[] = [];
  private readonly subscriptions = new Map<string, Set<LocalSubscription>>();
  private readonly notificationListeners = new Map<NotificationMethod, Set<(params: never) => void>>();
  private readonly stateListeners = new Set<(state: ConnectionState, error?: Error) => void>();
  private readonly connectedWaiters = new Set<() => void>();
  private readonly backoff: Backoff;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;

  private constructor(private readonly options: DaemonClientOptions) {
    this.backoff = new Backoff(options.backoff);
  }

  /** Connects and completes the handshake; rejects (without retrying) if that fails. */
  static async connect(options: DaemonClientOptions): Promise<DaemonClient> {
    const client = new DaemonClient(options);
    await client.open();
    client.setState('connected');
    return client;
  }

  get state(): ConnectionState {
    return this.connectionState;
  }

  /** Sends a request and resolves with its typed result, or rejects with DaemonRequestError. */
  async request<M extends RequestMethod>(method: M, params: RequestParams<M>): Promise<RequestResults[M]> {
    await this.whenConnected();
    return this.send(this.socket!, method, params);
  }

  /**
   * Streams a run's events to `listener`, starting after `fromSeq`, each event once and in
   * order, across reconnects. Several subscriptions to one run share one daemon subscription.
   */
  async subscribe(runId: string, listener: RunEventListener, options: SubscribeOptions = {}): Promise<RunSubscription> {
    const local: LocalSubscription = new LocalSubscription(runId, options.fromSeq ?? 0, listener, () => this.unsubscribe(local));
    let group = this.subscriptions.get(runId);
    const needsReplay = !group || local.lastSeq < this.subscribedFrom(group);
    if (!group) this.subscriptions.set(runId, (group = new Set()));
    group.add(local);
    try {
      // The daemon restarts its cursor at fromSeq; the other local subscriptions drop what they already saw.
      // Events can follow the reply within the same network read, before an await would resume.
      if (needsReplay) await this.requestThen('runs.subscribe', { runId, fromSeq: local.lastSeq }, () => (local.active = true));
      else local.active = true;
    } catch (error) {
      this.unsubscribe(local);
      throw error;
    }
    return local;
  }

  onNotification<N extends NotificationMethod>(method: N, listener: (params: Notifications[N]) => void): Disposable {
    let listeners = this.notificationListeners.get(method);
    if (!listeners) this.notificationListeners.set(method, (listeners = new Set()));
    listeners.add(listener as (params: never) => void);
    return { dispose: () => listeners!.delete(listener as (params: never) => void) };
  }

  /** Connection state changes; `error` says why a connection was lost or given up. */
  onStateChange(listener: (state: ConnectionState, error?: Error) => void): Disposable {
    this.stateListeners.add(listener);
    return { dispose: () => this.stateListeners.delete(listener) };
  }

  /** Closes the connection for good; pending requests fail. */
  close(): void {
    if (this.connectionState === 'closed') return;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.stopHeartbeat();
    this.setState('closed');
    this.failPending(new DaemonConnectionError('the client was closed', true));
    this.socket?.close(1000);
    this.socket = null;
  }

  private subscribedFrom(group: Set<LocalSubscription>): number {
    return Math.min(...[...group].map((s) => s.lastSeq));
  }

  private unsubscribe(local: LocalSubscription): void {
    const group = this.subscriptions.get(local.runId);
    if (!group?.delete(local) || group.size > 0) return;
    this.subscriptions.delete(local.runId);
    if (this.connectionState === 'connected') this.request('runs.unsubscribe', { runId: local.runId }).catch(() => {});
  }

  /** One connection attempt: open the socket, handshake, resubscribe. */
  private async open(): Promise<void> {
    const socket = await this.openSocket();
    this.socket = socket;
    try {
      this.info = await this.send(socket, 'initialize', { client: this.options.clientName, protocolVersion: PROTOCOL_VERSION });
      await Promise.all(
        [...this.subscriptions].map(([runId, group]) => this.send(socket, 'runs.subscribe', { runId, fromSeq: this.subscribedFrom(group) })),
      );
    } catch (error) {
      socket.terminate();
      throw error instanceof DaemonRequestError ? new DaemonConnectionError(`the daemon refused the connection: ${error.message}`, true) : error;
    }
    this.backoff.reset();
    this.startHeartbeat(socket);
  }

  private openSocket(): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.options.url, {
        headers: { Authorization: `Bearer ${this.options.token}` },
        ca: this.options.ca,
        perMessageDeflate: false,
      });
      socket.once('unexpected-response', (_request, response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk.slice(0, 1000)));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const reason = body.trim() || response.statusMessage || 'refused';
          reject(new DaemonConnectionError(`the daemon refused the connection (HTTP ${status}): ${reason}`, status === 401 || status === 403));
          socket.terminate();
        });
      });
      socket.once('error', (error) => reject(new DaemonConnectionError(`cannot connect to ${this.options.url}: ${error.message}`)));
      socket.once('open', () => {
        socket.removeAllListeners('error');
        socket.on('error', () => {}); // 'close' follows and handles it
        socket.on('message', (data) => this.receive(data.toString()));
        socket.on('close', (code, reason) => this.onSocketClosed(socket, code, reason.toString()));
        resolve(socket);
      });
    });
  }

  private async requestThen<M extends RequestMethod>(method: M, params: RequestParams<M>, onReply: () => void): Promise<RequestResults[M]> {
    await this.whenConnected();
    return this.send(this.socket!, method, params, onReply);
  }

  private async send<M extends RequestMethod>(socket: WebSocket, method: M, params: RequestParams<M>, onReply?: () => void): Promise<RequestResults[M]> {
    // The daemon closes a connection with more requests than this waiting; the rest wait here.
    while (this.pending.size >= MAX_REQUESTS_IN_FLIGHT) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    if (socket !== this.socket) throw new DaemonConnectionError(`${method}: the connection was lost before the request went out`);
    const id = this.nextRequestId++;
    return new Promise<RequestResults[M]>((resolve, reject) => {
      const timeoutMs = this.options.requestTimeoutMs ?? 60_000;
      const timer = setTimeout(() => {
        this.settled(id);
        reject(new DaemonConnectionError(`${method}: no answer from the daemon after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { onReply, resolve: resolve as (result: unknown) => void, reject, timer });
      socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  private receive(text: string): void {
    let message: { id?: number; method?: NotificationMethod; params?: unknown; result?: unknown; error?: JsonRpcError };
    try {
      message = JSON.parse(text);
    } catch {
      return; // the daemon only sends JSON; nothing sensible to do with anything else
    }
    if (message.method) return this.notify(message.method, message.params);
    const request = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
    if (!request) return;
    this.settled(message.id!);
    clearTimeout(request.timer);
    if (message.error) return request.reject(new DaemonRequestError(message.error));
    request.onReply?.();
    request.resolve(message.result);
  }

  private notify(method: NotificationMethod, params: unknown): void {
    if (method === 'run.event') {
      const event = params as RunEvent;
      for (const local of this.subscriptions.get(event.runId) ?? []) local.deliver(event);
    }
    for (const listener of this.notificationListeners.get(method) ?? []) listener(params as never);
  }

  private onSocketClosed(socket: WebSocket, code: number, reason: string): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.stopHeartbeat();
    const error = new DaemonConnectionError(describeClose(code, reason), false, { code, reason });
    this.failPending(error);
    if (this.connectionState === 'closed') return;
    if (this.options.reconnect === false) {
      this.setState('closed', error);
      return;
    }
    this.setState('reconnecting', error);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.open().then(
        () => this.setState('connected'),
        (error: DaemonConnectionError) => {
          if (this.connectionState === 'closed') return;
          if (error.fatal) {
            this.setState('closed', error);
            this.failPending(error);
          } else this.scheduleReconnect();
        },
      );
    }, this.backoff.next());
  }

  private whenConnected(): Promise<void> {
    if (this.connectionState === 'connected') return Promise.resolve();
    if (this.connectionState === 'closed') return Promise.reject(new DaemonConnectionError('the client is closed', true));
    return new Promise((resolve, reject) => {
      const timeoutMs = this.options.requestTimeoutMs ?? 60_000;
      const timer = setTimeout(() => {
        this.connectedWaiters.delete(ready);
        reject(new DaemonConnectionError(`not reconnected to the daemon after ${timeoutMs} ms`));
      }, timeoutMs);
      const ready = () => {
        clearTimeout(timer);
        if (this.connectionState === 'connected') resolve();
        else reject(new DaemonConnectionError('the client is closed', true));
      };
      this.connectedWaiters.add(ready);
    });
  }

  private setState(state: ConnectionState, error?: Error): void {
    this.connectionState = state;
    if (state === 'connected' || state === 'closed') {
      for (const ready of this.connectedWaiters) ready();
      this.connectedWaiters.clear();
    }
    for (const listener of this.stateListeners) listener(state, error);
  }

  private failPending(error: Error): void {
    for (const request of this.pending.values()) {
      clearTimeout(request.timer);
      request.reject(error);
    }
    this.pending.clear();
    // They find their socket gone and fail too.
    for (const wake of this.slotWaiters.splice(0)) wake();
  }

  /** Request `id` no longer waits for an answer: the next request held back may go. */
  private settled(id: number): void {
    this.pending.delete(id);
    this.slotWaiters.shift()?.();
  }

  /** A half-open TCP connection (sleep, network change) never closes by itself; an unanswered ping finds it. */
  private startHeartbeat(socket: WebSocket): void {
    let answered = true;
    socket.on('pong', () => (answered = true));
    this.heartbeatTimer = setInterval(() => {
      if (!answered) return socket.terminate();
      answered = false;
      socket.ping();
    }, this.options.heartbeatIntervalMs ?? 30_000);
    this.heartbeatTimer.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }
}
