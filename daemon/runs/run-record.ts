/**
 * run.json: a run's identity and state, replaced atomically on every change. It carries a format
 * version; a newer version than this build understands is refused with a clear message.
 */
import { readFileSync } from 'node:fs';
import type { RunKind, RunState } from '../../shared/run-events';
import { writeJsonAtomic } from '../util/atomic-write';
import { paths } from './layout';

export const RUN_FORMAT_VERSION = 1;

export interface RunRecord {
  formatVersion: number;
  id: string;
  name: string;
  kind: RunKind;
  policy: string;
  state: RunState;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
  updatedAt: number;
  message?: string;
}

export class RunFormatError extends Error {}

export function readRunRecord(runDir: string): RunRecord {
  const file = paths.runRecord(runDir);
  let record: RunRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it is missing' : 'it is not valid JSON';
    throw new RunFormatError(`${file}: cannot read the run record (${reason}); is ${runDir} a run directory?`);
  }
  if (typeof record.formatVersion !== 'number' || record.formatVersion > RUN_FORMAT_VERSION) {
    throw new RunFormatError(
      `${file}: run format version ${record.formatVersion} is newer than this build of ADO Studio reads (${RUN_FORMAT_VERSION}); upgrade ADO Studio`,
    );
  }
  return record;
}

export function writeRunRecord(runDir: string, record: RunRecord): void {
  writeJsonAtomic(paths.runRecord(runDir), { ...record, updatedAt: Date.now() });
}
