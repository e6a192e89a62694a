/**
 * One WebSocket client: the handshake gate, its rate limit, request dispatch, its bounded outbox,
 * and its run subscriptions. Whatever a client sends, it gets a JSON-RPC reply or (when it abuses
 * the rate limit) a close; an exception in a handler becomes an InternalError reply, never a
 * crash.
 */
import type WebSocket from 'ws';
import { CloseCode } from '../../shared/client/close-codes';
import { ErrorCode, type NotificationMethod, type Notifications, type RequestMethod } from '../../shared/protocol';
import { ProtocolError } from '../service/protocol-error';
import type { Run } from '../service/run';
import { encodeError, encodeNotification, encodeResult, isRejected, parseFrame } from './json-rpc';
import type { MethodTable } from './methods';
import { Outbox, type OutboxLimits } from './outbox';
import { checkParams, isKnownMethod } from './params';
import { TokenBucket, type RateLimit } from './rate-limiter';
import { Subscription } from './subscription';

export interface ConnectionLimits {
  rate: RateLimit;
  outbox: OutboxLimits;
}

const CLOSE_GRACE_MS = 2000;

/** scheduler.observe reports bad feedback, schema violations included, as InvalidFeedback. */
const PARAMS_ERROR_CODE: Partial<Record<RequestMethod, number>> = { 'scheduler.observe': ErrorCode.InvalidFeedback };

export class ClientConnection {
  clientName = '';
  private initialized = false;
  private readonly limiter: TokenBucket;
  private readonly outbox: Outbox;
  private readonly subscriptions = new Map<string, Subscription>();
  private pumpScheduled = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly methods: MethodTable,
    limits: ConnectionLimits,
    private readonly log: (line: string) => void,
  ) {
    this.limiter = new TokenBucket(limits.rate);
    this.outbox = new Outbox(
      socket,
      limits.outbox,
      () => this.closeWith(CloseCode.SendQueueOverflow, 'send queue overflow: reconnect and resubscribe from your last seq'),
      () => this.schedulePump(),
    );
    socket.on('message', (data, isBinary) => void this.receive(isBinary ? null : data.toString()));
    socket.on('close', () => this.dispose());
  }

  get usage(): { inFlightBytes: number; queued: number; subscriptions: number } {
    return { ...this.outbox.usage, subscriptions: this.subscriptions.size };
  }

  markInitialized(clientName: string): void {
    this.initialized = true;
    this.clientName = clientName;
  }

  notify<N extends NotificationMethod>(method: N, params: Notifications[N], coalesceKey?: string): void {
    if (this.initialized) this.outbox.send(encodeNotification(method, params), coalesceKey);
  }

  /** Starts (or restarts, from a new seq) streaming a run. Events follow this request's reply. */
  subscribe(run: Run, fromSeq: number): void {
    this.subscriptions.get(run.id)?.close();
    this.subscriptions.set(run.id, new Subscription(run, fromSeq, () => this.schedulePump()));
    this.schedulePump();
  }

  unsubscribe(runId: string): void {
    this.subscriptions.get(runId)?.close();
    this.subscriptions.delete(runId);
  }

  closeWith(code: number, reason: string): void {
    this.log(`closing connection of ${this.clientName || 'an uninitialised client'}: ${reason}`);
    this.socket.close(code, reason);
    // The close frame waits behind whatever the client has not read; a client that reads nothing
    // would hold the connection (and its buffers) until the closing handshake times out.
    setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
    this.dispose();
  }

  private async receive(text: string | null): Promise<void> {
    if (text === null) return this.answer(null, new ProtocolError(ErrorCode.InvalidRequest, 'binary frames are not supported; send JSON text'));
    // Parsed before the rate check so that even a rejection carries the request's id.
    const frame = parseFrame(text);
    if (!this.limiter.take()) {
      if (this.limiter.abusive()) return this.closeWith(CloseCode.RateLimitAbuse, 'too many messages after being rate limited');
      return this.answer(frame.id, new ProtocolError(ErrorCode.RateLimited, 'too many messages; slow down'));
    }
    if (isRejected(frame)) return this.answer(frame.id, frame.error);
    try {
      this.answer(frame.id, undefined, await this.dispatch(frame.method, frame.params));
    } catch (error) {
      this.answer(frame.id, asProtocolError(error, frame.method, this.log));
    }
  }

  private dispatch(method: string, params: unknown): unknown {
    if (!isKnownMethod(method)) throw new ProtocolError(ErrorCode.MethodNotFound, `unknown method "${method}"`);
    if (!this.initialized && method !== 'initialize') throw new ProtocolError(ErrorCode.NotInitialized, 'send "initialize" first');
    const handler = this.methods[method] as (params: unknown, connection: ClientConnection) => unknown;
    return handler(checkParams(method, params, PARAMS_ERROR_CODE[method]), this);
  }

  private answer(id: number | string | null, error: ProtocolError | undefined, result?: unknown): void {
    // Replies are never coalesced: each request gets its own answer.
    this.outbox.send(error ? encodeError(id, error) : encodeResult(id!, result ?? {}));
  }

  /** Pumps every subscription once the current burst of work is done, so replies go out before events. */
  private schedulePump(): void {
    if (this.pumpScheduled || this.subscriptions.size === 0) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      for (const subscription of this.subscriptions.values()) subscription.pump(this.outbox);
    });
  }

  private dispose(): void {
    for (const subscription of this.subscriptions.values()) subscription.close();
    this.subscriptions.clear();
  }
}

function asProtocolError(error: unknown, method: string, log: (line: string) => void): ProtocolError {
  if (error instanceof ProtocolError) return error;
  log(`internal error in ${method}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  return new ProtocolError(ErrorCode.InternalError, `internal error in ${method}: ${error instanceof Error ? error.message : String(error)}`);
}
