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
  /** The daemon's cost of answering runs.history is not what the dashboard tests measure. */
  private readonly histories = new Map<string, RequestResults['runs.history']>();

  addRun(runId: string, events: RunEvent[], state: RunState = 'running', message?: string): void {
    this.events.set(runId, events);
    this.states.set(runId, { state, message });
  }

  /** Appends events to a run and delivers them to its subscribers. */
  push(runId: string, events: RunEvent[]): void {
    this.events.get(runId)?.push(...events);
    this.histories.clear();
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
        const key = `${runId} ${maxPoints}`;
        if (!this.histories.has(key)) this.histories.set(key, historyOf(this.runEvents(runId), maxPoints));
        return answer(trimHistory(this.histories.get(key)!, { fitPoints, digits }));
      }
      case 'runs.resume':
        this.states.set(runId, { state: 'running' });
        return answer({ run: this.summary(runId) });
      default:
        throw new Error(`${method} is not supported by the replay link`);
    }
  }

  async subscribe(runId: string, fromSeq: number, listener: (event: RunEvent) => void): Promise<Disposable> {
    for (const event of this.runEvents(runId)) if (event.seq > fromSeq) listener(event);
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

  private summary(runId: string): RunSummary {
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
