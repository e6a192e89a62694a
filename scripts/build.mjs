// Bundles every entry point with esbuild and writes the generated JSON Schema.
// Output goes to dist/ (ignored by git); `npm install` runs this through `prepare`.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync, existsSync, rmSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtModule from 'wabt';
import { nodeExternals } from './bundle-externals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const define = { __ADO_VERSION__: JSON.stringify(version) };
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

const nodeEntries = [
  { in: 'daemon/cli/main.ts', out: 'ado' },
  { in: 'extension/extension.ts', out: 'extension' },
  { in: 'extension/language-server/server.ts', out: 'language-server' },
  { in: 'daemon/train/worker.ts', out: 'train-worker' },
  { in: 'daemon/service/policy-thread-main.ts', out: 'policy-thread' },
].filter((e) => existsSync(join(root, e.in)));

await build({
  absWorkingDir: root,
  entryPoints: nodeEntries.map((e) => ({ in: e.in, out: e.out })),
  outdir: dist,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  // playwright-core renders the report's PNGs only where it is installed (a dev dependency; the
  // .vsix does without), so the CLI loads it at run time instead of carrying it.
  external: [...nodeExternals, 'playwright-core'],
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  define,
  logLevel: 'warning',
});

const mediaEntries = ['media/dashboard/main.ts', 'media/config-editor/main.ts', 'media/report/main.ts']
  .filter((e) => existsSync(join(root, e)));
if (mediaEntries.length > 0) {
  await build({
    absWorkingDir: root,
    entryPoints: mediaEntries.map((e) => ({ in: e, out: e.split('/')[1] })),
    outdir: join(dist, 'media'),
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    // `ado report` inlines report.js into every HTML file it writes; the linked maps keep the
    // webviews debuggable and never enter a report (report-assets.ts strips their reference).
    minify: true,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

// The JSON Schema file for VS Code's jsonValidation, generated from the one schema definition.
const schemaModule = join(dist, 'schema', 'schema.cjs');
await build({ absWorkingDir: root, entryPoints: ['shared/config/schema.ts'], outfile: schemaModule,
  bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
const { runConfigSchema } = createRequire(import.meta.url)(schemaModule);
writeFileSync(join(dist, 'schema', 'run-config.schema.json'), JSON.stringify(runConfigSchema, null, 2) + '\n');
rmSync(schemaModule);

// The wasm backend's matrix kernels (daemon/model/gemm.wat), assembled once here; gemm.ts loads
// the binary beside the bundles (or from dist/ when running from sources).
const wabt = await wabtModule();
const kernels = wabt.parseWat('gemm.wat', readFileSync(join(root, 'daemon/model/gemm.wat'), 'utf8'), { simd: true, relaxed_simd: true });
writeFileSync(join(dist, 'gemm.wasm'), kernels.toBinary({}).buffer);
kernels.destroy();
