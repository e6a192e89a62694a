/** Wasm binaries that scripts/build.mjs assembles into dist/, compiled for this process. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';

export function compileBuiltWasm(name: string): WebAssembly.Module {
  // Bundles sit beside the binaries in dist/; from sources (tests, tsx) they are in the built dist/.
  const path = __filename.endsWith('.ts') ? join(__dirname, '..', '..', 'dist', name) : join(__dirname, name);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new Error(`the wasm binary ${path} cannot be read (${(error as Error).message}): run "npm run build"`);
  }
  // Relaxed SIMD (for its fused multiply-add) is on by default from V8 11.4 (Node 22); Node 20's
  // V8 11.3 implements it behind this flag.
  if (!WebAssembly.validate(bytes)) setFlagsFromString('--experimental-wasm-relaxed-simd');
  return new WebAssembly.Module(bytes);
}
