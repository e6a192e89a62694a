/**
 * The matrix kernels of gemm.wat, instantiated on the wasm backend's own memory so that they read
 * and write tensors where they lie. One instance per memory (that is, per thread's backend).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';

/** gemm.wat's exports: byte addresses in the heap, sizes and strides in elements. */
export interface GemmKernels {
  matmul(a: number, aRowStride: number, aColumnStride: number, b: number, bRowStride: number, c: number, cRowStride: number, bias: number, M: number, N: number, K: number): void;
  transpose(source: number, target: number, rows: number, columns: number): void;
  column_sums(source: number, rows: number, columns: number, target: number): void;
}

const instances = new WeakMap<WebAssembly.Memory, GemmKernels>();
let compiled: WebAssembly.Module | undefined;

export function gemmKernels(memory: WebAssembly.Memory): GemmKernels {
  let kernels = instances.get(memory);
  if (!kernels) {
    kernels = new WebAssembly.Instance(compile(), { env: { memory } }).exports as unknown as GemmKernels;
    instances.set(memory, kernels);
  }
  return kernels;
}

function compile(): WebAssembly.Module {
  if (compiled) return compiled;
  // Bundles sit beside the binary in dist/; from sources (tests, tsx) it is in the built dist/.
  const path = __filename.endsWith('.ts') ? join(__dirname, '..', '..', 'dist', 'gemm.wasm') : join(__dirname, 'gemm.wasm');
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new Error(`the wasm matrix kernels ${path} cannot be read (${(error as Error).message}): run "npm run build"`);
  }
  // Relaxed SIMD (for its fused multiply-add) is on by default from V8 11.4 (Node 22); Node 20's
  // V8 11.3 implements it behind this flag.
  if (!WebAssembly.validate(bytes)) setFlagsFromString('--experimental-wasm-relaxed-simd');
  compiled = new WebAssembly.Module(bytes);
  return compiled;
}
