/**
 * A run's append-only event log (events.jsonl): one JSON event per line, numbered from 1 without
 * gaps. Appends go straight to the kernel with writeSync, so a kill -9 of the process loses
 * nothing already appended; fsync happens at checkpoints (see `flush`), which bounds what a power
 * loss can take. On open, a torn last line (the process died mid-write) is cut off, so sequence
 * numbers continue from the last complete event and are never reused.
 *
 * Why JSONL and not SQLite: the daemon must run on any Node ≥ 20 and inside VS Code's own runtime
 * without native addons, and an append-only log with an in-memory offset index is all that
 * replay-from-seq needs.
 */
import { closeSync, existsSync, fsyncSync, openSync, readSync, ftruncateSync, fstatSync, writeSync } from 'node:fs';
import type { RunEvent, RunEventBody } from '../../shared/run-events';

export class EventLog {
  private readonly fd: number;
  /** Byte offset of event seq = i + 1. */
  private readonly offsets: number[] = [];
  private size = 0;

  private constructor(file: string, private readonly runId: string) {
    this.fd = openSync(file, existsSync(file) ? 'r+' : 'w+', 0o644);
    this.recover();
  }

  static open(file: string, runId: string): EventLog {
    return new EventLog(file, runId);
  }

  get lastSeq(): number {
    return this.offsets.length;
  }

  append(body: RunEventBody, time = Date.now()): RunEvent {
    const event = { ...body, runId: this.runId, seq: this.lastSeq + 1, time } as RunEvent;
    const line = Buffer.from(JSON.stringify(event) + '\n', 'utf8');
    let written = 0;
    while (written < line.length) written += writeSync(this.fd, line, written, line.length - written, this.size + written);
    this.offsets.push(this.size);
    this.size += line.length;
    return event;
  }

  /** Events with seq > fromSeq (and ≤ toSeq), in order. */
  *readFrom(fromSeq: number, toSeq = this.lastSeq): Generator<RunEvent> {
    const first = Math.max(0, fromSeq);
    const last = Math.min(toSeq, this.lastSeq);
    if (first >= last) return;
    const chunkBytes = 1 << 20;
    let seq = first;
    while (seq < last) {
      // Read whole events in chunks of about 1 MiB.
      const start = this.offsets[seq];
      let endSeq = seq + 1;
      while (endSeq < last && this.offsetOf(endSeq + 1) - start < chunkBytes) endSeq++;
      const end = this.offsetOf(endSeq + 1);
      const buffer = Buffer.alloc(end - start);
      readSync(this.fd, buffer, 0, buffer.length, start);
      for (const line of buffer.toString('utf8').split('\n')) if (line) yield JSON.parse(line) as RunEvent;
      seq = endSeq;
    }
  }

  /** Durable on disk up to here (called at checkpoints and on close). */
  flush(): void {
    fsyncSync(this.fd);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private offsetOf(seq: number): number {
    return seq - 1 < this.offsets.length ? this.offsets[seq - 1] : this.size;
  }

  private recover(): void {
    const total = fstatSync(this.fd).size;
    const buffer = Buffer.alloc(total);
    if (total > 0) readSync(this.fd, buffer, 0, total, 0);
    let lineStart = 0;
    let goodEnd = 0;
    for (let i = 0; i < total; i++) {
      if (buffer[i] !== 0x0a) continue;
      if (isCompleteEvent(buffer.subarray(lineStart, i), this.offsets.length + 1)) {
        this.offsets.push(lineStart);
        goodEnd = i + 1;
        lineStart = i + 1;
      } else break;
    }
    if (goodEnd < total) ftruncateSync(this.fd, goodEnd);
    this.size = goodEnd;
  }
}

function isCompleteEvent(line: Buffer, expectedSeq: number): boolean {
  try {
    return (JSON.parse(line.toString('utf8')) as RunEvent).seq === expectedSeq;
  } catch {
    return false;
  }
}
