import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { NpmPackage } from './recipe';

/**
 * Downloads a package's tarball with `npm pack` (the registry is the only network source the
 * build needs) and unpacks it; returns the folder holding the package's files.
 */
export function unpackNpmPackage(pkg: NpmPackage, workDir: string): string {
  const spec = `${pkg.name}@${pkg.version}`;
  const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', workDir], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
  const target = join(workDir, tarball.replace(/\.tgz$/, ''));
  mkdirSync(target);
  execFileSync('tar', ['-xzf', join(workDir, tarball), '-C', target]);
  // npm tarballs keep every file under package/.
  return join(target, 'package');
}
