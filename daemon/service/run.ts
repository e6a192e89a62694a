/**
 * One run as the daemon holds it: its record (run.json), its config, and its event log. Every
 * event of the run goes through `append`, which persists it (assigning the seq), updates the
 * summary, and wakes the run's listeners (subscriptions, the history index). Reading goes through
 * `read`, from memory for recent events and from the log otherwise.
 */
import { readFileSync, rmSync } from 'node:fs';
import type { RunSummary } from '../../shared/protocol';
import type { RunEvent, RunEventBody, RunState } from '../../shared/run-events';
import { EventLog } from '../runs/event-log';
import { paths } from '../runs/layout';
import { readRunRecord, writeRunRecord, type RunRecord } from '../runs/run-record';
import { RecentEvents } from './recent-events';
import { RunProgress } from './run-summary';

export type RunEventListener = (event: RunEvent) => void;

export class Run {
  private readonly log: EventLog;
  private readonly recent = new RecentEvents();
  private readonly progress = new RunProgress();
  private readonly listeners = new Set<RunEventListener>();

  private constructor(readonly dir: string, private currentRecord: RunRecord, readonly config: unknown) {
    this.log = EventLog.open(paths.events(dir), currentRecord.id);
    for (const event of this.log.readFrom(0)) this.progress.apply(event);
  }

  /** Opens an existing run directory (created by createRunDir). */
  static open(dir: string): Run {
    const record = readRunRecord(dir);
    const config: unknown = JSON.parse(readFileSync(paths.runConfig(dir), 'utf8'));
    return new Run(dir, record, config);
  }

  get id(): string {
    return this.currentRecord.id;
  }

  get record(): Readonly<RunRecord> {
    return this.currentRecord;
  }

  get state(): RunState {
    return this.currentRecord.state;
  }

  get lastSeq(): number {
    return this.log.lastSeq;
  }

  summary(): RunSummary {
    return this.progress.summarise(this.currentRecord);
  }

  append(body: RunEventBody): RunEvent {
    const event = this.log.append(body);
    this.recent.push(event);
    this.progress.apply(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** Records the new state in run.json first, so a crash between the two writes never leaves an event the record denies. */
  setState(state: RunState, message?: string): void {
    this.currentRecord = { ...this.currentRecord, state, message };
    if (message === undefined) delete this.currentRecord.message;
    writeRunRecord(this.dir, this.currentRecord);
    this.append(message === undefined ? { type: 'state', state } : { type: 'state', state, message });
  }

  /** Events with fromSeq < seq ≤ toSeq, in order. */
  read(fromSeq: number, toSeq = this.lastSeq): Iterable<RunEvent> {
    return this.recent.slice(fromSeq, toSeq) ?? this.log.readFrom(fromSeq, toSeq);
  }

  onEvent(listener: RunEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Makes every event so far durable (checkpoints call it; so does shutdown). */
  flush(): void {
    this.log.flush();
  }

  close(): void {
    this.listeners.clear();
    this.log.close();
  }

  /** Closes the run and removes its directory. */
  destroy(): void {
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
