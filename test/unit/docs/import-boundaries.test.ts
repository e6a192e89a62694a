// The dependency rules of docs/ARCHITECTURE.md ("Parts and what each may import"), checked on
// every import statement of the source tree. A failure names the file, the import and the rule.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const root = resolve(import.meta.dirname, '..', '..', '..');

interface Rule {
  /** Folder the rule governs (more specific rules win). */
  part: string;
  /** Project folders its files may import from (its own folder is always allowed). */
  internal: string[];
  /** npm packages and node: builtins it may import. */
  external: RegExp;
}

const NONE = /^$/;
const RULES: Rule[] = [
  { part: 'shared', internal: [], external: /^(@sinclair\/typebox|ajv|jsonc-parser)$/ },
  { part: 'shared/client', internal: ['shared'], external: /^(ws|node:.*)$/ },
  { part: 'daemon/util', internal: [], external: /^node:/ },
  { part: 'daemon/mixture', internal: ['shared', 'daemon/util'], external: NONE },
  { part: 'daemon/events', internal: ['shared', 'daemon/mixture'], external: NONE },
  { part: 'daemon/model', internal: ['daemon/util'], external: /^@tensorflow\/tfjs-core$/ },
  { part: 'daemon/data', internal: ['shared', 'daemon/util'], external: /^(node:.*|fzstd|gpt-tokenizer\/.*|@huggingface\/tokenizers)$/ },
  { part: 'media', internal: ['shared', 'daemon/compare/aggregate', 'daemon/compare/results-file', 'daemon/compare/table'], external: /^(chart\.js.*|chartjs-.*|jsonc-parser)$/ },
  { part: 'extension', internal: ['shared', 'media/shared', 'media/charts', 'daemon/runs/layout'], external: /^(vscode|vscode-languageclient.*|jsonc-parser|node:.*)$/ },
  {
    part: 'extension/language-server',
    internal: ['shared', 'extension/config-files.ts', 'daemon/data/read', 'daemon/validate'],
    external: /^(vscode-languageserver.*|jsonc-parser|node:.*)$/,
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function ruleFor(file: string): Rule | undefined {
  const path = relative(root, file);
  return RULES.filter((r) => path.startsWith(r.part + '/')).sort((a, b) => b.part.length - a.part.length)[0];
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms), ...text.matchAll(/import\('([^']+)'\)/g)].map((m) => m[1]);
}

function within(target: string, folder: string): boolean {
  return target === folder || target.startsWith(folder.replace(/\.ts$/, '') + '/') || target === folder.replace(/\.ts$/, '');
}

test('every import follows the dependency rules of docs/ARCHITECTURE.md', () => {
  const violations: string[] = [];
  const files = ['shared', 'daemon', 'media', 'extension'].flatMap((d) => sourceFiles(join(root, d)));
  assert.ok(files.length > 100, 'the source tree was found');
  for (const file of files) {
    const rule = ruleFor(file);
    if (!rule) continue;
    for (const specifier of importsOf(file)) {
      const where = `${relative(root, file)} imports '${specifier}'`;
      if (specifier.startsWith('.')) {
        const target = relative(root, resolve(dirname(file), specifier));
        const allowed = [rule.part, ...rule.internal].some((folder) => within(target, folder));
        if (!allowed) violations.push(`${where}: ${rule.part}/ may import only ${[rule.part, ...rule.internal].join(', ')}`);
      } else if (!rule.external.test(specifier)) {
        violations.push(`${where}: ${rule.part}/ may use only the packages ${rule.external}`);
      }
    }
  }
  assert.deepEqual(violations, [], 'fix the import, or change the rule here and in docs/ARCHITECTURE.md together');
});
