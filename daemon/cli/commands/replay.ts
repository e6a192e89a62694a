/** `ado replay <log.jsonl>`: what a mixture policy would have chosen on a recorded loss log. */
import type { Command } from 'commander';
import { createWriteStream, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultDataDir } from '../../runs/layout';
import { ReplayInputError, replayLog } from '../../replay/replay-log';
import { ReplayRecording, replayRunName } from '../../replay/replay-recording';
import { UserError } from '../../util/user-error';

interface ReplayOptions {
  out?: string;
  save?: string | true;
  dataDir?: string;
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('run a mixture policy (ADO by default) on a recorded loss log and print the weights it would have chosen, one JSON line per step')
    .argument('<log>', 'JSONL: a header {"domains", "prior", "ado": {...}} then one {"step", "counts", "losses"} per line')
    .option('--out <file>', 'write the weights here instead of stdout')
    .option('--save [name]', 'also record the replay as a run (default name: replay-<log name>) for `ado report`, `ado export-mixture` and the extension')
    .option('--data-dir <dir>', 'run store for --save (default ~/.ado or $ADO_DATA_DIR)')
    .action(async (log: string, options: ReplayOptions) => {
      if (!existsSync(log)) throw new UserError(`replay log not found: ${log}`);
      const out = options.out ? createWriteStream(options.out) : process.stdout;
      let recording: ReplayRecording | undefined;
      const observer = options.save
        ? {
            header: (header: Parameters<typeof ReplayRecording.start>[2]) => {
              const name = options.save === true ? replayRunName(log) : options.save!;
              recording = ReplayRecording.start(resolve(options.dataDir ?? defaultDataDir()), name, header, resolve(log));
            },
            step: (...args: Parameters<ReplayRecording['step']>) => recording!.step(...args),
          }
        : undefined;
      try {
        const { steps, refits } = await replayLog(log, (line) => out.write(line + '\n'), observer);
        recording?.finish();
        process.stderr.write(`replayed ${steps} steps, ${refits} refits\n`);
        if (recording) process.stderr.write(`recorded as run ${recording.id} in ${recording.dir}; draw it with: ado report ${recording.id}\n`);
      } catch (error) {
        recording?.finish((error as Error).message);
        if (error instanceof ReplayInputError) throw new UserError(error.message);
        throw error;
      } finally {
        if (options.out) out.end();
      }
    });
}
