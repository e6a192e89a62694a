/** `ado export-mixture <run> [--kind final|average|schedule]`: the mixture a run used, as JSON. */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { MIXTURE_KINDS, mixtureFileText, type MixtureKind } from '../../../shared/mixture-files';
import { exportMixture } from '../../mixture-export/export-mixture';
import { defaultDataDir } from '../../runs/layout';
import { resolveRunDir } from '../../runs/resolve-run-dir';
import { UserError } from '../../util/user-error';

export function registerExportMixture(program: Command): void {
  program
    .command('export-mixture')
    .description('write the mixture a run used as JSON: a fixed-weights file (final or average) the "fixed" policy reads, or the per-step schedule')
    .argument('<run>', 'run directory, or run id in the data directory')
    .option('--kind <kind>', MIXTURE_KINDS.join(' | '), 'final')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--data-dir <dir>', 'data directory (default ~/.ado)')
    .action(async (run: string, options: { kind: string; out?: string; dataDir?: string }) => {
      if (!(MIXTURE_KINDS as readonly string[]).includes(options.kind)) throw new UserError(`--kind must be final, average or schedule, got "${options.kind}"`);
      const runDir = resolveRunDir(run, options.dataDir ?? defaultDataDir());
      if (!runDir) throw new UserError(`no run "${run}": give a run directory or the id of a run under ${options.dataDir ?? defaultDataDir()}/runs`);
      const text = mixtureFileText(await exportMixture(runDir, options.kind as MixtureKind));
      if (options.out) {
        writeFileSync(options.out, text);
        process.stderr.write(`wrote the ${options.kind} mixture of ${runDir} to ${options.out}\n`);
      } else process.stdout.write(text);
    });
}
