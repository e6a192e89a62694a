/**
 * A daemon link over a list of recorded or synthetic events, for tests that need a run a real
 * daemon cannot produce in seconds. It answers like the daemon (runs.get, runs.history downsampled,
 * runs.subscribe replaying after fromSeq), and `push` streams further events live.
 */
import { trimHistory } from '../../../shared/history-trim';
import { CAPABILITIES, type RequestMethod, type RequestParams, type RequestResults, type RunSummary } from '../../../shared/protocol';
import type { RunEvent, RunState } from '../../../shared/run-events';
import type { DaemonLink, Disposable } from '../../../extension/panels/daemon-link';
import { historyOf } from './synthetic-run';

export class ReplayLink implements DaemonLink {
  private readonly events = new Map<string, RunEvent[]>();
  private readonly listeners = new Map<string, Set<(event: RunEvent) => void>>();
  private readonly states = new Map<string, { state: RunState; message?: string }>();
  /**
   * The stand-in daemon's own costs (scanning the events for a summary, a history or a replay
   * start) are not what the dashboard tests and benchmark measure, and this link runs in the same
   * process as the relay and the browser driver: a synchronous scan there delays every message to
   * the page behind it. So answers are kept, and replays start from a binary search on seq.
   */
  private readonly histories = new Map<string, RequestResults['runs.history']>();
  private readonly summaries = new Map<string, RunSummary>();

  addRun(runId: string, events: RunEvent[], state: RunState = 'running', message?: string): void {
    this.events.set(runId, events);
    this.states.set(runId, { state, message });
    this.forget(runId);
  }

  /** Appends events to a run and delivers them to its subscribers. */
  push(runId: string, events: RunEvent[]): void {
    this.events.get(runId)?.push(...events);
    this.forget(runId);
    for (const event of events) for (const listener of this.listeners.get(runId) ?? []) listener(event);
  }

  capabilities(): readonly string[] {
    return CAPABILITIES;
  }

  async request<M extends RequestMethod>(method: M, params: RequestParams<M>): Promise<RequestResults[M]> {
    const answer = (result: unknown) => result as RequestResults[M];
    const runId = (params as { runId?: string }).runId ?? '';
    switch (method) {
      case 'runs.list':
        return answer({ runs: [...this.events.keys()].map((id) => this.summary(id)) });
      case 'runs.get':
        return answer({ run: this.summary(runId), config: {} });
      case 'runs.history': {
        const { maxPoints = 2000, fitPoints, digits } = params as RequestParams<'runs.history'>;
        const full = this.remember(this.histories, `${runId} ${maxPoints}`, () => historyOf(this.runEvents(runId), maxPoints));
        return answer(this.remember(this.histories, `${runId} ${maxPoints} ${fitPoints} ${digits}`, () => trimHistory(full, { fitPoints, digits })));
      }
      case 'runs.resume':
        this.states.set(runId, { state: 'running' });
        this.summaries.delete(runId);
        return answer({ run: this.summary(runId) });
      default:
        throw new Error(`${method} is not supported by the replay link`);
    }
  }

  async subscribe(runId: string, fromSeq: number, listener: (event: RunEvent) => void): Promise<Disposable> {
    const events = this.runEvents(runId);
    for (let i = firstAfter(events, fromSeq); i < events.length; i++) listener(events[i]);
    const listeners = this.listeners.get(runId) ?? new Set();
    this.listeners.set(runId, listeners);
    listeners.add(listener);
    return { dispose: () => listeners.delete(listener) };
  }

  private runEvents(runId: string): RunEvent[] {
    const events = this.events.get(runId);
    if (!events) throw new Error(`run ${runId} not found`);
    return events;
  }

  private forget(runId: string): void {
    for (const key of this.histories.keys()) if (key.startsWith(`${runId} `)) this.histories.delete(key);
    this.summaries.delete(runId);
  }

  private remember<T>(cache: Map<string, T>, key: string, compute: () => T): T {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key)!;
  }

  private summary(runId: string): RunSummary {
    return this.remember(this.summaries, runId, () => this.summarise(runId));
  }

  private summarise(runId: string): RunSummary {
    const events = this.runEvents(runId);
    const meta = events.find((e) => e.type === 'meta');
    const steps = events.filter((e) => e.type === 'step');
    const { state, message } = this.states.get(runId) ?? { state: 'running' };
    return {
      id: runId,
      name: runId,
      kind: 'train',
      state,
      message,
      policy: meta?.type === 'meta' ? meta.policy : 'ado',
      createdAt: 0,
      step: steps.length,
      lastSeq: events[events.length - 1]?.seq ?? 0,
    };
  }
}

/** The index of the first event with seq > `seq` (events are in seq order). */
function firstAfter(events: readonly RunEvent[], seq: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (events[middle].seq <= seq) low = middle + 1;
    else high = middle;
  }
  return low;
}
