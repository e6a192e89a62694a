/**
 * The daemon's listening socket: one HTTP(S) server for both the WebSocket protocol and the HTTP
 * API. Every request and every upgrade is authenticated (bearer token, constant-time) and checked
 * for a web Origin before anything else runs; then each client meets the same rate limit on either
 * transport (per connection on WebSocket, per remote address and token on HTTP).
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode } from '../../shared/client/close-codes';
import { ErrorCode, MAX_REQUESTS_IN_FLIGHT } from '../../shared/protocol';
import { ClientConnection, type ConnectionLimits } from './client-connection';
import { Heartbeat } from './heartbeat';
import { handleHttpRequest, sendJson } from './http-api';
import { HttpRateLimit } from './http-rate-limit';
import { createMethods, type DaemonContext, type MethodTable } from './methods';
import { createOriginPolicy, type OriginPolicy } from './origin-policy';
import { DEFAULT_OUTBOX_LIMITS } from './outbox';
import { DEFAULT_RATE_LIMIT } from './rate-limiter';
import { bearerToken, tokensMatch } from './token';

export interface ServerLimits extends ConnectionLimits {
  /** Largest WebSocket message accepted; larger ones close the connection with 1009. */
  maxPayloadBytes: number;
  heartbeatIntervalMs: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  // config.validate takes up to 1,000,000 characters, which JSON escaping can grow a few times.
  maxPayloadBytes: 8 * 1024 * 1024,
  heartbeatIntervalMs: 30_000,
  rate: DEFAULT_RATE_LIMIT,
  outbox: DEFAULT_OUTBOX_LIMITS,
  requestsInFlight: MAX_REQUESTS_IN_FLIGHT,
};

/** A reading client answers a close frame within a round trip; one that does not read must not hold up a stop. */
const SHUTDOWN_GRACE_MS = 500;

export interface ServerOptions {
  host: string;
  port: number;
  token: string;
  tls?: { cert: string | Buffer; key: string | Buffer };
  allowedOrigins: readonly string[];
  limits: ServerLimits;
  log: (line: string) => void;
}

export class DaemonServer {
  private readonly http: Server;
  private readonly sockets: WebSocketServer;
  private readonly connections = new Map<WebSocket, ClientConnection>();
  private readonly methods: MethodTable;
  private readonly originAllowed: OriginPolicy;
  private readonly heartbeat: Heartbeat;
  private readonly httpRate: HttpRateLimit;

  private constructor(private readonly options: ServerOptions, private readonly daemon: DaemonContext) {
    this.methods = createMethods(daemon);
    this.originAllowed = createOriginPolicy(options.allowedOrigins);
    this.httpRate = new HttpRateLimit(options.limits.rate);
    const onRequest = (request: IncomingMessage, response: ServerResponse) => void this.onHttpRequest(request, response);
    this.http = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest) : createHttpServer(onRequest);
    // Compression is off: it costs CPU per subscriber and opens the door to compression bombs.
    this.sockets = new WebSocketServer({ noServer: true, maxPayload: options.limits.maxPayloadBytes, perMessageDeflate: false });
    this.http.on('upgrade', (request, socket, head) => this.onUpgrade(request, socket, head));
    this.heartbeat = new Heartbeat(() => this.sockets.clients, options.limits.heartbeatIntervalMs);
    daemon.manager.on('changed', (run, deleted) => {
      for (const connection of this.connections.values()) {
        if (deleted) connection.unsubscribe(run.id);
        connection.notify('runs.changed', deleted ? { run, deleted } : { run }, `runs.changed:${run.id}`);
      }
    });
  }

  static listen(options: ServerOptions, daemon: DaemonContext): Promise<DaemonServer> {
    const server = new DaemonServer(options, daemon);
    return new Promise((resolve, reject) => {
      server.http.once('error', reject);
      server.http.listen(options.port, options.host, () => {
        server.http.off('error', reject);
        resolve(server);
      });
    });
  }

  get port(): number {
    const address = this.http.address();
    return typeof address === 'object' && address ? address.port : this.options.port;
  }

  get url(): string {
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
    return `${this.options.tls ? 'wss' : 'ws'}://${host}:${this.port}`;
  }

  get clientCount(): number {
    return this.connections.size;
  }

  /** Each client's outbox and subscriptions (for tests and the benchmark). */
  clientUsage(): ClientConnection['usage'][] {
    return [...this.connections.values()].map((connection) => connection.usage);
  }

  /** Stops accepting, closes every client with "going away", and closes the listening socket. */
  async close(): Promise<void> {
    this.heartbeat.stop();
    for (const connection of this.connections.values()) connection.closeWith(CloseCode.GoingAway, 'the daemon is shutting down', SHUTDOWN_GRACE_MS);
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeAllConnections();
    await closed;
  }

  private authorized(request: IncomingMessage): { ok: true } | { ok: false; status: 401 | 403; reason: string } {
    if (!this.originAllowed(request.headers.origin)) {
      return { ok: false, status: 403, reason: `origin ${request.headers.origin} is not allowed (start the daemon with --allow-origin to allow it)` };
    }
    if (!tokensMatch(bearerToken(request.headers.authorization), this.options.token)) {
      return { ok: false, status: 401, reason: 'missing or wrong token: send "Authorization: Bearer <token>" with the token from the daemon\'s token file' };
    }
    return { ok: true };
  }

  private onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const verdict = this.authorized(request);
    if (!verdict.ok) {
      this.options.log(`refused a WebSocket connection from ${request.socket.remoteAddress}: ${verdict.reason}`);
      const status = verdict.status === 401 ? '401 Unauthorized' : '403 Forbidden';
      const body = `${verdict.reason}\n`;
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      return;
    }
    this.sockets.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  }

  private accept(socket: WebSocket): void {
    const connection = new ClientConnection(socket, this.methods, this.options.limits, this.options.log);
    this.connections.set(socket, connection);
    this.heartbeat.watch(socket);
    socket.on('error', (error) => this.options.log(`connection error: ${error.message}`));
    socket.on('close', () => this.connections.delete(socket));
  }

  private async onHttpRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const verdict = this.authorized(request);
    if (!verdict.ok) {
      if (verdict.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
      return sendJson(response, verdict.status, { error: { code: ErrorCode.InvalidRequest, message: verdict.reason } });
    }
    const address = request.socket.remoteAddress ?? 'unknown';
    const rate = this.httpRate.check(address, bearerToken(request.headers.authorization)!);
    if (!rate.allowed) {
      response.setHeader('Retry-After', String(rate.retryAfterSeconds));
      // Keeping the connection open for a client that ignores Retry-After only spends more replies on it.
      if (rate.abusive) response.setHeader('Connection', 'close');
      const message = `too many requests from ${address}; retry after ${rate.retryAfterSeconds} s (the limit is ${this.options.limits.rate.perSecond} per second, bursts of ${this.options.limits.rate.burst})`;
      return sendJson(response, 429, { error: { code: ErrorCode.RateLimited, message, data: { retryAfterSeconds: rate.retryAfterSeconds } } });
    }
    await handleHttpRequest(this.daemon.manager, request, response);
  }
}
