/** Turns what a user typed for `<run>` (a run directory, or a run id in the data dir) into a run directory. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { paths } from './layout';

export function resolveRunDir(arg: string, dataDir: string): string | null {
  for (const candidate of [resolve(arg), paths.run(dataDir, arg)]) {
    if (existsSync(candidate) && statSync(candidate).isDirectory() && existsSync(paths.runRecord(candidate))) return candidate;
  }
  return null;
}
