/**
 * The daemon process never loads tfjs; only training processes (dist/train-worker.js) do. The
 * daemon is the same bundle as every CLI command (dist/ado.js), so the commands that train reach
 * tfjs only through `import()` at run time. This walks the static import graph of the daemon's
 * bundles, as esbuild resolves it, and names the path by which tfjs would be loaded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';

const root = join(__dirname, '..', '..', '..');

/** The chain of static imports from `entry` to a tfjs package, or null when there is none. */
function staticPathToTfjs(metafile: Metafile, entry: string): string[] | null {
  const cameFrom = new Map<string, string>([[entry, '']]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const edge of metafile.inputs[file]?.imports ?? []) {
      if (edge.kind === 'dynamic-import' || cameFrom.has(edge.path)) continue;
      cameFrom.set(edge.path, file);
      if (edge.path.startsWith('@tensorflow/')) {
        const chain = [edge.path];
        for (let at = file; at; at = cameFrom.get(at)!) chain.unshift(at);
        return chain;
      }
      queue.push(edge.path);
    }
  }
  return null;
}

for (const entry of ['daemon/cli/main.ts', 'daemon/service/policy-thread-main.ts']) {
  test(`${entry} reaches tfjs only through import() where a command trains`, async () => {
    const { metafile } = await build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      outdir: 'out',
      metafile: true,
      // As scripts/build.mjs leaves them out: tfjs stays an edge of the graph rather than being bundled.
      external: ['@tensorflow/*', 'vscode', 'playwright-core'],
      mainFields: ['module', 'main'],
      define: { __ADO_VERSION__: '"test"' },
      logLevel: 'silent',
    });
    const path = staticPathToTfjs(metafile, entry);
    assert.equal(path, null, `tfjs is loaded at start through ${path?.join(' → ')}; import the module that needs it with import() where it is used`);
  });
}
