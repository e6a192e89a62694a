/** Run directories for report tests: a synthetic run of any size, written as a daemon would store it. */
import { writeFileSync } from 'node:fs';
import { createRunDir } from '../../../daemon/runs/create-run-dir';
import { paths } from '../../../daemon/runs/layout';
import { readRunRecord, writeRunRecord } from '../../../daemon/runs/run-record';
import type { RunEvent, RunState } from '../../../shared/run-events';
import { syntheticRunEvents, type SyntheticRunOptions } from '../../browser/support/synthetic-run';

export function writeRunDir(dataDir: string, name: string, events: Iterable<RunEvent>, state: RunState): string {
  const { runDir } = createRunDir({ dataDir, name, kind: 'train', policy: 'ado', config: {} });
  const lines: string[] = [];
  for (const event of events) lines.push(JSON.stringify(event));
  writeFileSync(paths.events(runDir), lines.length > 0 ? `${lines.join('\n')}\n` : '');
  writeRunRecord(runDir, { ...readRunRecord(runDir), state });
  return runDir;
}

export function syntheticRunDir(dataDir: string, name: string, options: Partial<SyntheticRunOptions> = {}): string {
  return writeRunDir(dataDir, name, syntheticRunEvents({ runId: name, ...options }), 'completed');
}
