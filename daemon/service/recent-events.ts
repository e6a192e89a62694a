/**
 * The newest events of a run, kept in memory so that live fan-out to subscribers never reads the
 * disk; older events come from the log. Bounded by count.
 */
import type { RunEvent } from '../../shared/run-events';

export class RecentEvents {
  private readonly events: RunEvent[] = [];

  constructor(private readonly capacity = 1024) {}

  push(event: RunEvent): void {
    this.events.push(event);
    // Trimming in batches keeps push O(1) amortised.
    if (this.events.length >= 2 * this.capacity) this.events.splice(0, this.events.length - this.capacity);
  }

  /** Events with fromSeq < seq ≤ toSeq, or undefined when some of them are no longer held. */
  slice(fromSeq: number, toSeq: number): RunEvent[] | undefined {
    const first = this.events[0];
    if (!first || fromSeq + 1 < first.seq) return undefined;
    return this.events.slice(fromSeq + 1 - first.seq, toSeq + 1 - first.seq);
  }
}
