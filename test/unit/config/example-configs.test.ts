/**
 * The configs the README and docs/results tell people to run are valid, and so is every ADO
 * settings file of examples/compare applied to the published comparison's config: a broken
 * example would otherwise surface only after someone starts an hour of training.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { parseVariants, planRuns } from '../../../daemon/compare/plan';
import { validateConfig, validateConfigValue, type AdoConfig } from '../../../shared/config';

const examples = join(__dirname, '..', '..', '..', 'examples');
const filesIn = (folder: string, suffix: string) => readdirSync(join(examples, folder)).filter((f) => f.endsWith(suffix)).map((f) => join(examples, folder, f));
const errorsOf = (diagnostics: { severity: string; path: string; message: string }[]) => diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.path}: ${d.message}`);

test('every example config is valid', () => {
  const configs = [...filesIn('configs', '.ado.json'), ...filesIn('compare', '.ado.json')];
  assert.ok(configs.length >= 4);
  for (const file of configs) assert.deepEqual(errorsOf(validateConfig(readFileSync(file, 'utf8')).diagnostics), [], file);
});

for (const [configFile, settingsFolder] of [['default-compare.ado.json', 'compare'], ['study-embedded.ado.json', 'compare/study']]) {
  test(`every ADO settings file of examples/${settingsFolder} makes a valid variant of ${configFile}`, () => {
    const text = readFileSync(join(examples, 'compare', configFile), 'utf8');
    const base = validateConfig(text).config;
    assert.ok(base);
    const settingsFiles = filesIn(settingsFolder, '.json').filter((f) => !f.endsWith('.ado.json'));
    assert.ok(settingsFiles.length >= 2);
    for (const file of settingsFiles) {
      const [variant] = parseVariants(`ado:${file}`);
      const [run] = planRuns(base, [{ ...variant, adoSettings: parse(readFileSync(file, 'utf8')) as AdoConfig }], 1, parse(text).mixture.ado);
      assert.deepEqual(errorsOf(validateConfigValue(run.config).diagnostics), [], file);
    }
  });
}
