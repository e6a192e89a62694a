/**
 * Reads a run's events.jsonl without writing to it (for report, export and compare, which may
 * look at a run a daemon is still appending to). A torn last line — the writer died mid-line —
 * is ignored; a bad line before the end means the file was damaged, which is an error naming it.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RunEvent } from '../../shared/run-events';

export class EventFileError extends Error {}

export async function* readEvents(file: string): AsyncGenerator<RunEvent> {
  if (!existsSync(file)) throw new EventFileError(`${file}: no event log; is this a run directory?`);
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let pending: { text: string; line: number } | null = null;
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber++;
    if (pending) yield parse(file, pending.text, pending.line);
    pending = text.trim() ? { text, line: lineNumber } : null;
  }
  if (pending) {
    try {
      yield JSON.parse(pending.text) as RunEvent;
    } catch {
      // The writer was killed mid-line; the event was never complete.
    }
  }
}

function parse(file: string, text: string, line: number): RunEvent {
  try {
    return JSON.parse(text) as RunEvent;
  } catch {
    throw new EventFileError(`${file}:${line}: the event log is damaged (this line is not JSON); the run cannot be read past it`);
  }
}
