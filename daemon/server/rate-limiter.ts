/**
 * A token bucket per client: bursts up to `burst` messages, `perSecond` sustained. A client
 * over the limit gets RateLimited replies; one that keeps going while already limited is abusive
 * (`abusive()`), and the connection closes rather than spending CPU on replies.
 */
export interface RateLimit {
  perSecond: number;
  burst: number;
  /** Rejected messages in a row after which the client counts as abusive. */
  abuseAfter: number;
}

// Generous: an external trainer observing every step of a fast run, or a dashboard loading many
// runs at once, stays far below; a runaway loop or a hostile client does not.
export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 1000, burst: 2000, abuseAfter: 2000 };

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private rejectedInARow = 0;

  constructor(private readonly limit: RateLimit, private readonly now: () => number = () => performance.now()) {
    this.tokens = limit.burst;
    this.updatedAt = now();
  }

  /** Takes one token; false when the client is over its rate. */
  take(): boolean {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.rejectedInARow = 0;
      return true;
    }
    this.rejectedInARow++;
    return false;
  }

  abusive(): boolean {
    return this.rejectedInARow >= this.limit.abuseAfter;
  }

  /** Milliseconds until take() can succeed again (0 when it can now). */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.limit.perSecond) * 1000;
  }

  /** Refilled to its burst: indistinguishable from a new bucket, so it can be forgotten. */
  full(): boolean {
    this.refill();
    return this.tokens >= this.limit.burst;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.limit.perSecond);
    this.updatedAt = now;
  }
}
