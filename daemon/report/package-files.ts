/**
 * Files that ship with the package (the report's browser bundle, the embedded default corpus),
 * found from wherever this code runs: bundled as dist/ado.js, or as TypeScript source under tsx
 * in tests. Both sit below the folder with the package's package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'ado-studio';

function packageRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package folder above ${__dirname}`);
  }
}

export function packageFile(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}

/** The embedded default corpus: beside the package's code in a clone, in the extension's folder in a .vsix. */
export const embeddedCorpusDir = () => packageFile('data', 'default');

/** The embedded default run config, used when a command is given no config. */
export const defaultConfigFile = () => join(embeddedCorpusDir(), 'default.ado.json');
