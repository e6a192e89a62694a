/**
 * A daemon's data roots: the folders whose files a config it received may name. Without them, a
 * token holder could make the daemon read any file its user can, and see the text in samples.
 * Paths are compared after following symlinks, so a link inside a root that leads out of it is
 * outside. The daemon checks every file field when a run is created, and the training checks
 * again as it opens each file: a folder's files are known only then, and a link may have changed
 * in between. The CLI training for the user who runs it has no roots.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { ConfigRule } from '../../shared/config';
import { fileFields } from '../../shared/config/file-fields';
import { UserError } from '../util/user-error';

/** The folders as real paths (symlinks followed), for comparing with; a missing folder is an error naming it. */
export function realDataRoots(dirs: readonly string[]): string[] {
  return dirs.map((dir) => {
    let real: string;
    try {
      real = realpathSync.native(dir);
    } catch {
      throw new UserError(`the data root ${dir} does not exist; create it, or fix --data-root`);
    }
    if (!statSync(real).isDirectory()) throw new UserError(`the data root ${dir} is not a folder; give --data-root a folder`);
    return real;
  });
}

/**
 * Why `path` (absolute) may not be read, as a sentence naming the roots; undefined when, symlinks
 * followed, it lies in one of `roots` (real paths). A path outside gets the same sentence whether
 * it exists or not, so the answer reveals nothing about files outside.
 */
export function dataRootsProblem(path: string, roots: readonly string[]): string | undefined {
  const real = realPath(path);
  if (roots.some((root) => within(real, root))) return undefined;
  return `${path} is outside the daemon's data roots (${roots.join(', ')}); put the data in one of them, or start the daemon with --data-root <a folder that holds it>`;
}

/** Throws dataRootsProblem's sentence, after `where` (the config field), as a UserError; no `roots`, no limit. */
export function checkDataRoots(path: string, where: string, roots: readonly string[] | undefined): void {
  const problem = roots && dataRootsProblem(path, roots);
  if (problem) throw new UserError(`${where}: ${problem}`);
}

/** The config rule for runs.create: every file field (made absolute) outside `roots` is an error on that field. */
export function dataRootsRule(roots: readonly string[]): ConfigRule {
  return (config, report) => {
    for (const { path, file } of fileFields(config)) {
      const problem = dataRootsProblem(file, roots);
      if (problem) report('error', 'data-root', path, problem);
    }
  };
}

/** The real path of the longest part of `path` that exists, with the rest appended as written. */
function realPath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent), basename(path));
  }
}

function within(path: string, root: string): boolean {
  const rest = relative(root, path);
  return rest === '' || !(rest === '..' || rest.startsWith(`..${sep}`) || isAbsolute(rest));
}
