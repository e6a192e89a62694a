/** Reading the files a user names, with errors that say which file and what to do. */
import { readFileSync, statSync } from 'node:fs';
import { UserError } from '../util/user-error';

export function readTextFile(path: string, what: string): string {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new UserError(`${what} file not found: ${path}`);
  }
  if (stats.isDirectory()) throw new UserError(`${path} is a folder; expected a ${what} file`);
  return readFileSync(path, 'utf8');
}
