import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NpmRecipe } from '../recipe';
import { cleanText } from '../whole-documents';

/**
 * OSI-approved licences, the widely used first. Texts that embed another listed text (LGPL-3.0
 * appends GPL-3.0) or nearly repeat it (AGPL-3.0) are left out, so the domain is not one text twice.
 */
const LICENCES = [
  'Apache-2.0', 'GPL-3.0-only', 'MPL-2.0', 'EPL-2.0', 'GPL-2.0-only', 'LGPL-2.1-only', 'CDDL-1.0', 'EUPL-1.2',
  'Artistic-2.0', 'MIT', 'BSD-3-Clause', 'BSD-2-Clause', 'ISC', '0BSD', 'Zlib', 'BSL-1.0', 'Unlicense', 'PostgreSQL',
  'UPL-1.0', 'MS-PL', 'MS-RL', 'NCSA', 'Python-2.0', 'OSL-3.0', 'AFL-3.0', 'ECL-2.0', 'CPL-1.0', 'EPL-1.0', 'MPL-1.1',
  'APSL-2.0', 'CECILL-2.1', 'LPPL-1.3c', 'OFL-1.1', 'Sleepycat', 'W3C', 'ZPL-2.1', 'MulanPSL-2.0', 'IPL-1.0',
];

export const legal: NpmRecipe = {
  domain: 'legal',
  package: {
    name: 'spdx-license-list',
    version: '6.12.0',
    licence: 'the list is CC0-1.0; each licence text is reproduced whole and verbatim, as its terms and its stewards allow',
    noticeFiles: [],
  },
  taken: `licence texts from spdx-full.json, whole, in this order: ${LICENCES.join(', ')}`,
  *documents(packageDir) {
    const texts = JSON.parse(readFileSync(join(packageDir, 'spdx-full.json'), 'utf8')) as Record<string, { licenseText: string; osiApproved: boolean }>;
    for (const id of LICENCES) {
      const entry = texts[id];
      if (!entry?.osiApproved) throw new Error(`${id} is not an OSI-approved licence in spdx-license-list; update the list`);
      yield cleanText(entry.licenseText);
    }
  },
};
