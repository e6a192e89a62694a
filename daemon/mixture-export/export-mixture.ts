/**
 * The mixture a run used, as the file `ado export-mixture` writes and the daemon's
 * `runs.exportMixture` returns (the extension's Export Mixture command): one implementation for both.
 */
import { FIXED_WEIGHTS_FORMAT, MIXTURE_FILE_VERSION, SCHEDULE_FORMAT, type FixedWeightsFile, type MixtureKind, type ScheduleFile } from '../../shared/mixture-files';
import { paths } from '../runs/layout';
import { readEvents } from '../runs/read-events';
import { readRunRecord } from '../runs/run-record';
import { UserError } from '../util/user-error';
import { averageWeights, finalWeights, weightTrajectory } from './summarise-weights';

export async function exportMixture(runDir: string, kind: MixtureKind): Promise<FixedWeightsFile | ScheduleFile> {
  const record = readRunRecord(runDir);
  const trajectory = await weightTrajectory(readEvents(paths.events(runDir)));
  if (trajectory.steps.length === 0) throw new UserError(`${runDir} has no training steps yet; there is no mixture to export`);
  if (kind === 'schedule') {
    return { format: SCHEDULE_FORMAT, version: MIXTURE_FILE_VERSION, domains: trajectory.domains, steps: trajectory.steps, weights: trajectory.weights, source: { runId: record.id } };
  }
  const vector = kind === 'final' ? finalWeights(trajectory) : averageWeights(trajectory);
  return {
    format: FIXED_WEIGHTS_FORMAT,
    version: MIXTURE_FILE_VERSION,
    kind,
    weights: Object.fromEntries(trajectory.domains.map((d, k) => [d, vector[k]])),
    source: { runId: record.id, steps: trajectory.steps.length },
  };
}
