/**
 * The matrix kernels of gemm.wat, instantiated on the wasm backend's own memory so that they read
 * and write tensors where they lie. One instance per memory (that is, per thread's backend).
 */
import { compileBuiltWasm } from '../util/built-wasm';

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
    compiled ??= compileBuiltWasm('gemm.wasm');
    kernels = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as GemmKernels;
    instances.set(memory, kernels);
  }
  return kernels;
}
