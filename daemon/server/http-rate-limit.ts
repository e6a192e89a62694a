/**
 * The HTTP API's rate limit: one token bucket per client, with the WebSocket side's configured
 * rate (rate-limiter.ts). HTTP has no connection that lasts, so a client is its remote address and
 * the token it presents; a trainer that reconnects for every request still meets its own bucket.
 */
import { TokenBucket, type RateLimit } from './rate-limiter';

export type HttpRateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; abusive: boolean };

// Buckets refilled to their burst are dropped once this many clients have been seen, so a stream
// of passing clients cannot grow the table without bound.
const SWEEP_AT_CLIENTS = 1024;

export class HttpRateLimit {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly limit: RateLimit, private readonly now?: () => number) {}

  check(remoteAddress: string, token: string): HttpRateVerdict {
    const key = `${remoteAddress}\n${token}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= SWEEP_AT_CLIENTS) this.sweep();
      this.buckets.set(key, (bucket = new TokenBucket(this.limit, this.now)));
    }
    if (bucket.take()) return { allowed: true };
    // Retry-After counts whole seconds, and 0 would invite an immediate retry.
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(bucket.waitMs() / 1000)), abusive: bucket.abusive() };
  }

  private sweep(): void {
    for (const [key, bucket] of this.buckets) if (bucket.full()) this.buckets.delete(key);
  }
}
