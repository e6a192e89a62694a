// Runs the test suites named on the command line (folders under test/) with node's test runner.
// TypeScript test files are loaded through tsx. Usage: node test/run.mjs unit integration
import { readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const suites = process.argv.slice(2);
if (suites.length === 0) {
  console.error('usage: node test/run.mjs <suite...>   (folders under test/, e.g. unit integration)');
  process.exit(2);
}

function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return testFiles(full);
    return /\.test\.(ts|mjs|js)$/.test(name) ? [full] : [];
  });
}

const files = suites.flatMap((s) => testFiles(join(here, s))).sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, ADO_TEST: '1' },
});
process.exit(result.status ?? 1);
