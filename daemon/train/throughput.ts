/** Tokens per second over the most recent steps, so the figure follows changes without jitter. */
export class Throughput {
  private readonly times: number[] = [];
  private readonly tokens: number[] = [];

  constructor(private readonly window = 20) {}

  /** Records that `tokens` more tokens were done at time `nowMs`. */
  record(tokens: number, nowMs: number): void {
    this.times.push(nowMs);
    this.tokens.push(tokens);
    if (this.times.length > this.window + 1) {
      this.times.shift();
      this.tokens.shift();
    }
  }

  /** Undefined until two steps have been recorded. */
  perSecond(): number | undefined {
    if (this.times.length < 2) return undefined;
    const seconds = (this.times[this.times.length - 1] - this.times[0]) / 1000;
    const done = this.tokens.slice(1).reduce((a, b) => a + b, 0);
    return seconds > 0 ? done / seconds : undefined;
  }
}
