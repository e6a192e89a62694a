/**
 * Time left, from the pace of the most recent updates only: a run's first steps (backend warm-up,
 * JIT) and its pauses for refits, evaluations and checkpoints fade out of the estimate instead of
 * skewing it for the whole run. Pure: the caller passes the clock.
 */
import { duration } from './progress-format';

/** Updates the pace is measured over. */
const RECENT_UPDATES = 30;

export class EtaEstimate {
  private readonly recent: { at: number; done: number }[] = [];

  update(atMs: number, done: number): void {
    this.recent.push({ at: atMs, done });
    if (this.recent.length > RECENT_UPDATES + 1) this.recent.shift();
  }

  /** Undefined until there is a pace to extrapolate. */
  remainingMs(total: number): number | undefined {
    if (this.recent.length < 2) return undefined;
    const first = this.recent[0];
    const last = this.recent[this.recent.length - 1];
    const perMs = (last.done - first.done) / (last.at - first.at);
    return perMs > 0 && Number.isFinite(perMs) ? Math.max(0, total - last.done) / perMs : undefined;
  }

  /** "ETA 3m12s", or "ETA …" while unknown. */
  describe(total: number): string {
    const remaining = this.remainingMs(total);
    return `ETA ${remaining === undefined ? '…' : duration(remaining)}`;
  }
}
