/**
 * Exponential backoff with full jitter for reconnects. Jitter matters when a daemon restarts
 * with many clients attached (several VS Code windows, CLI followers): without it they would all
 * reconnect in the same millisecond, every time.
 */
export interface BackoffOptions {
  initialDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

export class Backoff {
  private attempt = 0;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.initialDelayMs = options.initialDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
    this.random = options.random ?? Math.random;
  }

  /** The delay before the next attempt; each call doubles the ceiling up to maxDelayMs. */
  next(): number {
    const ceiling = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.round(this.initialDelayMs / 2 + this.random() * (ceiling - this.initialDelayMs / 2));
  }

  reset(): void {
    this.attempt = 0;
  }
}
