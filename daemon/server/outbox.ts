/**
 * A client's outgoing messages, bounded. Frames go straight to the socket until `highWaterBytes`
 * are handed to it and not yet written out (a client that reads slowly, or not at all). Past
 * that, messages wait here, and a waiting message with the same coalescing key as a newer one is
 * replaced by it (a run's newest `runs.changed` is all a slow client needs). When more than
 * `maxQueued` messages wait, the client cannot keep up: `onOverflow` fires and the connection
 * closes with CloseCode.SendQueueOverflow, telling the client to reconnect and resubscribe from
 * its last seq, so nothing is lost silently and nothing grows without bound.
 *
 * Run events do not wait here at all: subscriptions pull them from the run's log only while the
 * outbox is not congested (see subscription.ts).
 */
import type WebSocket from 'ws';

export interface OutboxLimits {
  highWaterBytes: number;
  maxQueued: number;
}

export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = { highWaterBytes: 512 * 1024, maxQueued: 2000 };

export class Outbox {
  private inFlightBytes = 0;
  private readonly queued = new Map<string, string>();
  private nextKey = 0;
  private overflowed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: OutboxLimits,
    private readonly onOverflow: () => void,
    /** Called when the socket has taken everything and can take more. */
    private readonly onDrain: () => void,
  ) {}

  get congested(): boolean {
    return this.inFlightBytes >= this.limits.highWaterBytes || this.queued.size > 0;
  }

  /** What the outbox holds now: for daemon.status-style diagnostics, tests and the benchmark. */
  get usage(): { inFlightBytes: number; queued: number } {
    return { inFlightBytes: this.inFlightBytes, queued: this.queued.size };
  }

  send(frame: string, coalesceKey?: string): void {
    if (this.overflowed) return;
    if (!this.congested) return this.write(frame);
    // Map order is insertion order: deleting first moves a replaced message to the back.
    const key = coalesceKey ?? `#${this.nextKey++}`;
    this.queued.delete(key);
    this.queued.set(key, frame);
    if (this.queued.size > this.limits.maxQueued) {
      this.overflowed = true;
      this.queued.clear();
      this.onOverflow();
    }
  }

  private write(frame: string): void {
    const bytes = Buffer.byteLength(frame);
    this.inFlightBytes += bytes;
    this.socket.send(frame, () => {
      this.inFlightBytes -= bytes;
      this.flushQueued();
    });
  }

  private flushQueued(): void {
    if (this.overflowed || this.inFlightBytes >= this.limits.highWaterBytes) return;
    for (const [key, frame] of this.queued) {
      this.queued.delete(key);
      this.write(frame);
      if (this.inFlightBytes >= this.limits.highWaterBytes) return;
    }
    this.onDrain();
  }
}
