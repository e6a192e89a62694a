// Builds the .vsix: the bundled extension, language server and daemon (dist/), the embedded corpus
// (data/), icons (resources/), and the packages the bundles leave external (bundle-externals.mjs)
// with their runtime dependencies. Optional add-ons (tfjs-node-gpu) stay out; users install them.
// The files are staged in a temporary folder, outside the repository so that nothing resolves from
// its node_modules: vsce sees exactly the shipped packages, and a smoke test proves the CLI bundle
// loads with them alone. .vscodeignore then trims them to what runs.
// Usage: node scripts/package-vsix.mjs [--out <file.vsix>]
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeExternals } from './bundle-externals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : join(root, `${manifest.name}-${manifest.version}.vsix`));

for (const required of ['dist/extension.js', 'dist/language-server.js', 'dist/ado.js', 'dist/schema/run-config.schema.json', 'data/default']) {
  if (!existsSync(join(root, required))) throw new Error(`${required} is missing; run "npm run build" (and check data/default) first`);
}
const stage = mkdtempSync(join(tmpdir(), 'ado-vsix-stage-'));
let vsceStatus;
try {
  stageFiles(stage);
  checkCliLoads(stage);
  const vsce = join(root, 'node_modules', '.bin', 'vsce');
  vsceStatus = spawnSync(vsce, ['package', '--out', out], { cwd: stage, stdio: 'inherit' }).status ?? 1;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
// Not inside the try: process.exit there would skip the finally and leave the stage behind.
if (vsceStatus !== 0) process.exit(vsceStatus);
console.log(`${out} (${(statSync(out).size / 1024 / 1024).toFixed(1)} MB)`);

function stageFiles(stage) {
  for (const entry of ['README.md', 'LICENSE', '.vscodeignore', 'dist', 'data', 'resources']) {
    if (existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
  }
  const packages = runtimePackages();
  for (const dir of packages.keys()) cpSync(dir, join(stage, dir.slice(root.length + 1)), { recursive: true });
  // vsce ships the production dependencies that `npm list` reports, so the staged manifest names
  // exactly the packages copied above.
  const roots = Object.fromEntries([...packages].filter(([, { isRoot }]) => isRoot).map(([, { name }]) => [name, manifest.dependencies[name]]));
  const { devDependencies, optionalDependencies, scripts, allowScripts, ...shippedManifest } = manifest;
  writeFileSync(join(stage, 'package.json'), JSON.stringify({ ...shippedManifest, dependencies: roots }, null, 2) + '\n');
}

/** A module the CLI bundle requires at load time but neither bundles nor ships would break the daemon in every install. */
function checkCliLoads(stage) {
  const smoke = spawnSync(process.execPath, [join(stage, 'dist', 'ado.js'), '--version'], { cwd: stage, encoding: 'utf8' });
  if (smoke.status === 0) return;
  const missing = /Cannot find module '([^']+)'/.exec(smoke.stderr)?.[1];
  throw new Error(missing
    ? `dist/ado.js requires "${missing}" as soon as it loads, but the .vsix neither bundles nor ships it: import it lazily where it is used`
    : `dist/ado.js does not load with the packaged node_modules alone:\n${smoke.stderr.split('\n').slice(0, 8).join('\n')}`);
}

/** The installed folders of the external packages the manifest depends on, and their dependencies, transitively. */
function runtimePackages() {
  const patterns = nodeExternals.filter((e) => e !== 'vscode').map((e) => new RegExp(`^${e.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+')}$`));
  const roots = Object.keys(manifest.dependencies ?? {}).filter((name) => patterns.some((p) => p.test(name)));
  const found = new Map();
  const visit = (name, fromDir) => {
    const dir = installedDir(name, fromDir);
    if (found.has(dir)) return;
    found.set(dir, { name, isRoot: fromDir === root });
    const { dependencies = {} } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dependency of Object.keys(dependencies)) visit(dependency, dir);
  };
  for (const name of roots) visit(name, root);
  return found;
}

/** Node's lookup: the nearest node_modules/<name> walking up from the requiring package. */
function installedDir(name, fromDir) {
  for (let dir = fromDir; dir.startsWith(root); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  throw new Error(`${name} (needed by ${fromDir}) is not installed; run "npm ci"`);
}
