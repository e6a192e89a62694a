/** `ado replay <log.jsonl>`: what a mixture policy would have chosen on a recorded loss log. */
import type { Command } from 'commander';
import { createWriteStream, existsSync } from 'node:fs';
import { ReplayInputError, replayLog } from '../../replay/replay-log';
import { UserError } from '../../util/user-error';

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('run a mixture policy (ADO by default) on a recorded loss log and print the weights it would have chosen, one JSON line per step')
    .argument('<log>', 'JSONL: a header {"domains", "prior", "ado": {...}} then one {"step", "counts", "losses"} per line')
    .option('--out <file>', 'write the weights here instead of stdout')
    .action(async (log: string, options: { out?: string }) => {
      if (!existsSync(log)) throw new UserError(`replay log not found: ${log}`);
      const out = options.out ? createWriteStream(options.out) : process.stdout;
      try {
        const { steps, refits } = await replayLog(log, (line) => out.write(line + '\n'));
        process.stderr.write(`replayed ${steps} steps, ${refits} refits\n`);
      } catch (error) {
        if (error instanceof ReplayInputError) throw new UserError(error.message);
        throw error;
      } finally {
        if (options.out) out.end();
      }
    });
}
