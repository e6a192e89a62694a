/** Creates a new run directory with a unique id derived from the run's name and the time. */
import { mkdirSync } from 'node:fs';
import type { RunKind } from '../../shared/run-events';
import { writeJsonAtomic } from '../util/atomic-write';
import { paths } from './layout';
import { RUN_FORMAT_VERSION, writeRunRecord, type RunRecord } from './run-record';

export interface NewRun {
  dataDir: string;
  name: string;
  kind: RunKind;
  policy: string;
  /** Stored as config.json: the resolved config, or an external run's description. */
  config: unknown;
  now?: Date;
}

export function createRunDir(run: NewRun): { runId: string; runDir: string; record: RunRecord } {
  const now = run.now ?? new Date();
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  mkdirSync(paths.runs(run.dataDir), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    const runId = attempt === 0 ? `${run.name}-${stamp}` : `${run.name}-${stamp}-${attempt + 1}`;
    const runDir = paths.run(run.dataDir, runId);
    try {
      mkdirSync(runDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    writeJsonAtomic(paths.runConfig(runDir), run.config);
    const record: RunRecord = {
      formatVersion: RUN_FORMAT_VERSION,
      id: runId,
      name: run.name,
      kind: run.kind,
      policy: run.policy,
      state: 'created',
      createdAt: now.getTime(),
      updatedAt: now.getTime(),
    };
    writeRunRecord(runDir, record);
    return { runId, runDir, record };
  }
}
