/** Shared set-up for the data layer tests: a throw-away corpus folder and configs that point at it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DataConfig } from '../../../shared/config/schema';
import { resolveConfig, type ResolvedRunConfig } from '../../../shared/config/resolve';
import { tempDir } from '../../helpers/temp-dir';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'data');

/** A fresh folder holding `files` (relative path → content), with a `cache` folder path beside them. */
export function corpusFolder(files: Record<string, string | Uint8Array>): { dir: string; cacheRoot: string } {
  const dir = tempDir('ado-data-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, cacheRoot: join(dir, 'cache') };
}

export function configWithData(data: Partial<DataConfig>): ResolvedRunConfig {
  return resolveConfig({ version: 1, name: 'data-test', data: { contextLength: 8, validationFraction: 0.25, ...data } });
}

/** Words enough for several windows of contextLength 8, different per seed so domains differ. */
export function prose(words: number, seed = 0): string {
  const vocabulary = ['river', 'stone', 'light', 'north', 'quiet', 'paper', 'seven', 'glass'];
  return Array.from({ length: words }, (_, i) => vocabulary[(i * 5 + seed) % vocabulary.length]).join(' ');
}
