/** `ado report <run | run id | compare dir> [--out file.html] [--png]`: one self-contained HTML report, and PNGs of its main charts. */
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { formatCount } from '../../../media/charts/format';
import { CompareResultsError } from '../../compare/results-file';
import { ChromiumError } from '../../report/headless-chromium';
import { ReportAssetsError } from '../../report/report-assets';
import { resolveReportTarget, type ReportTarget } from '../../report/report-target';
import { writeReport } from '../../report/write-report';
import { defaultDataDir } from '../../runs/layout';
import { EventFileError } from '../../runs/read-events';
import { RunFormatError } from '../../runs/run-record';
import { UserError } from '../../util/user-error';

/** Damaged or unreadable inputs and a browser that will not start are the user's to fix; their messages say which file or program. */
const USER_ERRORS = [RunFormatError, EventFileError, CompareResultsError, ReportAssetsError, ChromiumError];

interface ReportOptions {
  out?: string;
  png?: boolean;
  dataDir?: string;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write a self-contained HTML report (loss curves, mixture, scaling laws; for a comparison, its table and overlaid curves)')
    .argument('<run>', 'run directory, run id, compare directory, or comparison name')
    .option('--out <file>', 'HTML file to write (default: report.html in the run or compare directory)')
    .option('--png', 'also write PNGs of the main charts beside it (needs Chromium)')
    .option('--data-dir <dir>', 'data directory (default ~/.ado)')
    .action(async (arg: string, options: ReportOptions) => {
      const dataDir = resolve(options.dataDir ?? defaultDataDir());
      const target = resolveReportTarget(arg, dataDir);
      if (!target) throw new UserError(`no run or comparison "${arg}": give a run or compare directory, or the id of a run under ${dataDir}/runs or the name of a comparison under ${dataDir}/compare`);
      const htmlFile = resolve(options.out ?? join(targetDir(target), 'report.html'));
      const written = await writeReport(target, htmlFile, { png: options.png ?? false, generator: `ado report ${__ADO_VERSION__}` }).catch((error: unknown) => {
        throw USER_ERRORS.some((type) => error instanceof type) ? new UserError((error as Error).message) : error;
      });
      process.stdout.write(`wrote ${written.htmlFile} (${formatCount(written.bytes)}B)\n`);
      for (const png of written.pngs) process.stdout.write(`wrote ${png}\n`);
      if (written.pngSkipped) process.stderr.write(`ado: PNGs skipped: ${written.pngSkipped}\n`);
    });
}

function targetDir(target: ReportTarget): string {
  return target.kind === 'run' ? target.runDir : target.compareDir;
}
