/** The `ado` command line. Each subcommand lives in its own module under daemon/cli/commands. */
import { Command } from 'commander';
import { registerCompare } from './commands/compare';
import { registerDoctor } from './commands/doctor';
import { registerDaemon } from './commands/daemon';
import { registerExportMixture } from './commands/export-mixture';
import { registerReport } from './commands/report';
import { registerLogs } from './commands/logs';
import { registerRuns } from './commands/runs';
import { registerStatus } from './commands/status';
import { registerTrain } from './commands/train';
import { registerSubmit } from './commands/submit';
import { registerReplay } from './commands/replay';
import { registerSample } from './commands/sample';
import { registerValidate } from './commands/validate';
import { reportFatal } from './errors';

const program = new Command('ado')
  .description('ADO Studio: Adaptive Data Optimization (online data mixing with per-domain scaling laws)')
  .version(__ADO_VERSION__)
  .showHelpAfterError('(run "ado --help" for usage)');

registerValidate(program);
registerReplay(program);
registerExportMixture(program);
registerReport(program);
registerCompare(program);
registerDaemon(program);
registerStatus(program);
registerRuns(program);
registerSubmit(program);
registerLogs(program);
registerDoctor(program);
registerTrain(program);
registerSample(program);

program.parseAsync(process.argv).catch(reportFatal);
