/**
 * One WebSocket client: the handshake gate, its rate limit, request dispatch, its bounded outbox,
 * and its run subscriptions. Whatever a client sends, it gets a JSON-RPC reply or (when it abuses
 * a limit) a close with a reason; an exception in a handler becomes an InternalError reply, never
 * a crash.
 *
 * What a client costs is bounded per connection: requests waiting for their answers (received, and
 * the reply not yet handed to the socket) by `requestsInFlight`, and bytes waiting for it to read
 * by the outbox. A client that reads nothing while it keeps asking meets one of the two and is
 * closed; the answers it asked for were never built beyond what its socket took.
 */
import type WebSocket from 'ws';
import { CloseCode } from '../../shared/client/close-codes';
import { ErrorCode, type NotificationMethod, type Notifications, type RequestMethod } from '../../shared/protocol';
import { ProtocolError } from '../service/protocol-error';
import type { Run } from '../service/run';
import { StreamedJson } from '../util/streamed-json';
import { encodeError, encodeNotification, encodeResult, encodeResultParts, isRejected, parseFrame } from './json-rpc';
import type { MethodTable } from './methods';
import { Outbox, type OutboxLimits } from './outbox';
import { checkParams, isKnownMethod } from './params';
import { TokenBucket, type RateLimit } from './rate-limiter';
import { Subscription } from './subscription';

export interface ConnectionLimits {
  rate: RateLimit;
  outbox: OutboxLimits;
  /** Requests waiting for their answers, past which the connection closes (MAX_REQUESTS_IN_FLIGHT by default). */
  requestsInFlight: number;
}

/**
 * How long a closed client has to read what was already on its way, close frame last, before the
 * socket goes: a slow reader learns why it was closed; one that reads nothing costs only what its
 * socket holds, for this long.
 */
const CLOSE_GRACE_MS = 10_000;

/** scheduler.observe reports bad feedback, schema violations included, as InvalidFeedback. */
const PARAMS_ERROR_CODE: Partial<Record<RequestMethod, number>> = { 'scheduler.observe': ErrorCode.InvalidFeedback };

export class ClientConnection {
  clientName = '';
  private initialized = false;
  private closing = false;
  private requestsInFlight = 0;
  private readonly limiter: TokenBucket;
  private readonly outbox: Outbox;
  private readonly subscriptions = new Map<string, Subscription>();
  private pumpScheduled = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly methods: MethodTable,
    private readonly limits: ConnectionLimits,
    private readonly log: (line: string) => void,
  ) {
    this.limiter = new TokenBucket(limits.rate);
    const queueMiB = +(limits.outbox.maxQueuedBytes / 2 ** 20).toFixed(1);
    this.outbox = new Outbox(socket, limits.outbox, {
      // Close reasons are at most 123 bytes.
      overflow: () => this.closeWith(CloseCode.SendQueueOverflow, `more than ${queueMiB} MiB waited for this client to read; reconnect and resubscribe from the last seq`),
      drain: () => this.schedulePump(),
      streamFailed: (error) => {
        this.log(`internal error while writing an answer: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        this.closeWith(CloseCode.InternalError, 'the daemon failed while writing an answer; reconnect and ask again');
      },
    });
    socket.on('message', (data, isBinary) => void this.receive(isBinary ? null : data.toString()));
    socket.on('close', () => this.dispose());
  }

  get usage(): { inFlightBytes: number; queuedBytes: number; queued: number; requestsInFlight: number; subscriptions: number } {
    return { ...this.outbox.usage, requestsInFlight: this.requestsInFlight, subscriptions: this.subscriptions.size };
  }

  markInitialized(clientName: string): void {
    this.initialized = true;
    this.clientName = clientName;
  }

  notify<N extends NotificationMethod>(method: N, params: Notifications[N], coalesceKey?: string): void {
    if (this.initialized) this.outbox.send(encodeNotification(method, params), { coalesceKey });
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

  closeWith(code: number, reason: string, graceMs = CLOSE_GRACE_MS): void {
    if (this.closing) return;
    this.closing = true;
    this.log(`closing connection of ${this.clientName || 'an uninitialised client'}: ${reason}`);
    this.dispose();
    this.socket.close(code, reason);
    // The close frame waits behind whatever the client has not read; a client that reads nothing
    // would hold the connection (and its buffers) until ws's 30 s closing timeout.
    setTimeout(() => this.socket.terminate(), graceMs).unref();
  }

  private async receive(text: string | null): Promise<void> {
    // Frames already read when the connection began to close get no answer.
    if (this.closing) return;
    if (this.requestsInFlight >= this.limits.requestsInFlight) {
      return this.closeWith(CloseCode.TooManyRequestsInFlight, `more than ${this.limits.requestsInFlight} requests waited for answers; wait for answers before sending more`);
    }
    this.requestsInFlight++;
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
    const sent = () => this.requestsInFlight--;
    // Replies are never coalesced: each request gets its own answer.
    if (result instanceof StreamedJson) this.outbox.sendStream(encodeResultParts(id!, result), sent);
    else this.outbox.send(error ? encodeError(id, error) : encodeResult(id!, result ?? {}), { sent });
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
    this.outbox.stop();
    for (const subscription of this.subscriptions.values()) subscription.close();
    this.subscriptions.clear();
  }
}

function asProtocolError(error: unknown, method: string, log: (line: string) => void): ProtocolError {
  if (error instanceof ProtocolError) return error;
  log(`internal error in ${method}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  return new ProtocolError(ErrorCode.InternalError, `internal error in ${method}: ${error instanceof Error ? error.message : String(error)}`);
}
