/**
 * One client's subscription to one run: a cursor into the run's event log. `pump` sends the
 * events after the cursor while the client's outbox has room and stops when it congests, to go
 * on when it drains. Replay and live streaming are the same loop, which is why no event can fall
 * between them or come twice, whatever arrives during the replay.
 *
 * A live client that falls behind (more than LAG_BEFORE_COALESCING events after the ones that
 * existed when it subscribed) gets only the newest step event of each batch it is behind by;
 * every other event (state, eval, fit, checkpoint, log, ...) is always delivered. The replay of
 * what existed at subscribe time is never thinned: that is the history the client asked for.
 */
import type { RunEvent } from '../../shared/run-events';
import type { Run } from '../service/run';
import { encodeNotification } from './json-rpc';
import type { Outbox } from './outbox';

const BATCH = 256;
const LAG_BEFORE_COALESCING = 512;

export class Subscription {
  private cursor: number;
  private readonly replayEnd: number;
  private readonly detach: () => void;

  constructor(private readonly run: Run, fromSeq: number, onNewEvent: () => void) {
    this.cursor = Math.min(fromSeq, run.lastSeq);
    this.replayEnd = run.lastSeq;
    this.detach = run.onEvent(onNewEvent);
  }

  get pending(): boolean {
    return this.cursor < this.run.lastSeq;
  }

  pump(outbox: Outbox): void {
    while (!outbox.congested && this.pending) {
      const last = Math.min(this.run.lastSeq, this.cursor + BATCH);
      const thin = this.cursor >= this.replayEnd && this.run.lastSeq - this.cursor > LAG_BEFORE_COALESCING;
      const events = [...this.run.read(this.cursor, last)];
      const newestStep = thin ? lastIndexOfStep(events) : -1;
      for (let i = 0; i < events.length && !outbox.congested; i++) {
        const event = events[i];
        this.cursor = event.seq;
        if (event.type === 'step' && i < newestStep) continue;
        outbox.send(frameOf(event));
      }
    }
  }

  close(): void {
    this.detach();
  }
}

/** One encoding per event however many clients stream it: recent events are shared objects. */
const frames = new WeakMap<RunEvent, string>();

function frameOf(event: RunEvent): string {
  let frame = frames.get(event);
  if (frame === undefined) frames.set(event, (frame = encodeNotification('run.event', event)));
  return frame;
}

function lastIndexOfStep(events: RunEvent[]): number {
  for (let i = events.length - 1; i >= 0; i--) if (events[i].type === 'step') return i;
  return -1;
}
