/**
 * A client's outgoing messages, bounded in bytes. Frames go straight to the socket until
 * `highWaterBytes` are handed to it and not yet written out (a client that reads slowly, or not at
 * all). Past that, messages wait here, and a waiting message with the same coalescing key as a newer
 * one is replaced by it (a run's newest `runs.changed` is all a slow client needs). When more than
 * `maxQueuedBytes` wait, the client is not keeping up: `overflow` fires and the connection closes
 * with CloseCode.SendQueueOverflow, telling the client to reconnect and resubscribe from its last
 * seq, so nothing is lost silently and nothing grows without bound.
 *
 * A large answer is a stream: text parts sent as the fragments of one WebSocket message. The next
 * part is taken only while the socket is below its high-water mark, so the answer is never built
 * faster than the client reads it, and waits here as an iterator that has produced nothing yet.
 * Fragments of one message cannot be interleaved with another, so everything else waits behind it.
 *
 * Run events do not wait here at all: subscriptions pull them from the run's log only while the
 * outbox is not congested (see subscription.ts).
 */
import type WebSocket from 'ws';

export interface OutboxLimits {
  highWaterBytes: number;
  maxQueuedBytes: number;
}

export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = { highWaterBytes: 512 * 1024, maxQueuedBytes: 4 * 1024 * 1024 };

export interface OutboxEvents {
  /** More than maxQueuedBytes waited; the outbox has dropped them and sends nothing more. */
  overflow(): void;
  /** The socket has taken everything and can take more. */
  drain(): void;
  /** A stream's parts threw midway, so its message can never be completed; the outbox sends nothing more. */
  streamFailed(error: unknown): void;
}

export interface SendOptions {
  /** A waiting message with the same key is replaced by this one. */
  coalesceKey?: string;
  /** Called once the whole message has been handed to the socket. */
  sent?: () => void;
}

type Waiting = { frame: string; bytes: number; sent?: () => void } | { parts: Iterator<string>; sent?: () => void };

interface Stream {
  parts: Iterator<string>;
  /** The part after the one being written, so the last fragment can be marked as last. */
  ahead: IteratorResult<string>;
  sent?: () => void;
}

export class Outbox {
  private inFlightBytes = 0;
  private queuedBytes = 0;
  private readonly queued = new Map<string, Waiting>();
  private nextKey = 0;
  private stream: Stream | null = null;
  private stopped = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: OutboxLimits,
    private readonly events: OutboxEvents,
  ) {}

  get congested(): boolean {
    return this.inFlightBytes >= this.limits.highWaterBytes || this.queued.size > 0 || this.stream !== null;
  }

  /** What the outbox holds now: for daemon.status-style diagnostics, tests and the benchmark. */
  get usage(): { inFlightBytes: number; queuedBytes: number; queued: number } {
    return { inFlightBytes: this.inFlightBytes, queuedBytes: this.queuedBytes, queued: this.queued.size };
  }

  send(frame: string, { coalesceKey, sent }: SendOptions = {}): void {
    if (this.stopped) return;
    if (!this.congested) return this.write(frame, true, sent);
    const key = coalesceKey ?? `#${this.nextKey++}`;
    const replaced = this.queued.get(key);
    if (replaced && 'bytes' in replaced) this.queuedBytes -= replaced.bytes;
    // Map order is insertion order: deleting first moves a replaced message to the back.
    this.queued.delete(key);
    const bytes = Buffer.byteLength(frame);
    this.queued.set(key, { frame, bytes, sent });
    this.queuedBytes += bytes;
    if (this.queuedBytes > this.limits.maxQueuedBytes) {
      this.stop();
      this.events.overflow();
    }
  }

  /** One message whose text is `parts` joined, each part taken only when the socket has room. */
  sendStream(parts: Iterable<string>, sent?: () => void): void {
    if (this.stopped) return;
    const waiting = { parts: parts[Symbol.iterator](), sent };
    if (this.congested) return void this.queued.set(`#${this.nextKey++}`, waiting);
    this.startStream(waiting);
    this.pump();
  }

  /** Sends nothing more and lets go of everything waiting (the connection is closing). */
  stop(): void {
    this.stopped = true;
    for (const waiting of this.queued.values()) if ('parts' in waiting) waiting.parts.return?.();
    this.queued.clear();
    this.queuedBytes = 0;
    this.stream?.parts.return?.();
    this.stream = null;
  }

  private write(frame: string, fin: boolean, sent?: () => void): void {
    const bytes = Buffer.byteLength(frame);
    this.inFlightBytes += bytes;
    this.socket.send(frame, { fin }, () => {
      this.inFlightBytes -= bytes;
      this.pump();
    });
    sent?.();
  }

  private pump(): void {
    while (!this.stopped && this.inFlightBytes < this.limits.highWaterBytes) {
      if (this.stream) {
        this.writeNextPart(this.stream);
        continue;
      }
      const next = this.queued.entries().next();
      if (next.done) return this.events.drain();
      const [key, waiting] = next.value;
      this.queued.delete(key);
      if ('parts' in waiting) this.startStream(waiting);
      else {
        this.queuedBytes -= waiting.bytes;
        this.write(waiting.frame, true, waiting.sent);
      }
    }
  }

  private startStream({ parts, sent }: { parts: Iterator<string>; sent?: () => void }): void {
    const first = this.take(parts);
    if (!first) return;
    if (first.done) return sent?.();
    this.stream = { parts, ahead: first, sent };
  }

  private writeNextPart(stream: Stream): void {
    const part = stream.ahead.value as string;
    const ahead = this.take(stream.parts);
    if (!ahead) return;
    stream.ahead = ahead;
    if (ahead.done) this.stream = null;
    this.write(part, ahead.done === true, ahead.done ? stream.sent : undefined);
  }

  /** The iterator's next result, or undefined when it threw (the outbox has then stopped). */
  private take(parts: Iterator<string>): IteratorResult<string> | undefined {
    try {
      return parts.next();
    } catch (error) {
      this.stop();
      this.events.streamFailed(error);
      return undefined;
    }
  }
}
