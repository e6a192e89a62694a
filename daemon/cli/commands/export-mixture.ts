/** `ado export-mixture <run> [--kind final|average|schedule]`: the mixture a run used, as JSON. */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { FIXED_WEIGHTS_FORMAT, MIXTURE_FILE_VERSION, SCHEDULE_FORMAT, type FixedWeightsFile, type ScheduleFile } from '../../../shared/mixture-files';
import { averageWeights, finalWeights, weightTrajectory } from '../../mixture-export/summarise-weights';
import { defaultDataDir, paths } from '../../runs/layout';
import { readEvents } from '../../runs/read-events';
import { resolveRunDir } from '../../runs/resolve-run-dir';
import { readRunRecord } from '../../runs/run-record';
import { UserError } from '../../util/user-error';

type Kind = 'final' | 'average' | 'schedule';

export function registerExportMixture(program: Command): void {
  program
    .command('export-mixture')
    .description('write the mixture a run used as JSON: a fixed-weights file (final or average) the "fixed" policy reads, or the per-step schedule')
    .argument('<run>', 'run directory, or run id in the data directory')
    .option('--kind <kind>', 'final | average | schedule', 'final')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--data-dir <dir>', 'data directory (default ~/.ado)')
    .action(async (run: string, options: { kind: string; out?: string; dataDir?: string }) => {
      if (!['final', 'average', 'schedule'].includes(options.kind)) throw new UserError(`--kind must be final, average or schedule, got "${options.kind}"`);
      const runDir = resolveRunDir(run, options.dataDir ?? defaultDataDir());
      if (!runDir) throw new UserError(`no run "${run}": give a run directory or the id of a run under ${options.dataDir ?? defaultDataDir()}/runs`);
      const exported = await exportMixture(runDir, options.kind as Kind);
      const text = JSON.stringify(exported, null, 2) + '\n';
      if (options.out) {
        writeFileSync(options.out, text);
        process.stderr.write(`wrote the ${options.kind} mixture of ${runDir} to ${options.out}\n`);
      } else process.stdout.write(text);
    });
}

export async function exportMixture(runDir: string, kind: Kind): Promise<FixedWeightsFile | ScheduleFile> {
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
