import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NpmRecipe } from '../recipe';
import { cleanText } from '../whole-documents';

/** Builds that concatenate or minify the modules, rather than modules a person wrote. */
const BUNDLES = new Set(['core.js', 'core.min.js', 'fp.js', 'lodash.js', 'lodash.min.js']);

export const code: NpmRecipe = {
  domain: 'code',
  package: { name: 'lodash', version: '4.17.21', licence: 'MIT', noticeFiles: ['LICENSE'] },
  taken: 'JavaScript only: the public method modules (top-level *.js not starting with "_", without the bundles core.js, fp.js, lodash.js and their .min.js), whole files in name order',
  *documents(packageDir) {
    const modules = readdirSync(packageDir)
      .filter((name) => name.endsWith('.js') && !name.startsWith('_') && !BUNDLES.has(name))
      .sort();
    for (const name of modules) yield cleanText(readFileSync(join(packageDir, name), 'utf8'));
  },
};
