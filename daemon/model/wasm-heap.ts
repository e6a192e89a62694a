/**
 * Working on the wasm backend's heap directly, below tfjs's engine: buffers, views of them, and
 * matrix products on them (gemm.wat's kernels, which run on the same memory).
 *
 * Why: code that runs many small products (attention runs six per sequence and head) pays more in
 * the engine — a tracked tensor per operand, a JavaScript copy in and out of the heap per product,
 * garbage for the collector — than in the products themselves. Here operands are filled and results
 * read in place through views of the heap, and the engine only sees the tensors finally returned.
 * Tensors of the wasm backend are heap buffers too, so they can be operands as they are.
 *
 * A view is valid until the next allocation, which may grow (and so replace) the heap's buffer:
 * take it just before use. Addresses stay valid.
 */
import * as tf from '@tensorflow/tfjs-core';
import { gemmKernels, type GemmKernels } from './gemm';

/** The parts of tfjs-backend-wasm's BackendWasm used here. */
interface WasmBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
  disposeData(dataId: tf.DataId): boolean;
  dataIdMap: { get(dataId: tf.DataId): { memoryOffset: number } };
  wasm: { asm: { memory: WebAssembly.Memory } };
}

/**
 * A matrix inside a heap buffer: element (r, c) at offset + r·rowStride + c·columnStride, counted
 * in elements. Lets a product read one head's columns of a wider activation, or a matrix transposed,
 * where it lies.
 */
export interface Strided {
  buffer: tf.TensorInfo;
  offset?: number;
  rowStride: number;
  columnStride?: number;
}

export interface ProductOptions {
  /** A is stored [K, M] and read transposed. */
  transposeA?: boolean;
  /** B is stored [N, K] and read transposed. */
  transposeB?: boolean;
  /** [N], added to every row. */
  bias?: tf.TensorInfo;
}

export class WasmHeap {
  private readonly backend: WasmBackend;
  private readonly kernels: GemmKernels;

  constructor() {
    if (tf.getBackend() !== 'wasm') throw new Error(`WasmHeap needs the wasm backend, not ${tf.getBackend()}`);
    this.backend = tf.backend() as unknown as WasmBackend;
    this.kernels = gemmKernels(this.backend.wasm.asm.memory);
  }

  allocate(shape: number[]): tf.TensorInfo {
    return this.backend.makeOutput(shape, 'float32');
  }

  /** The buffer's values in place; valid until the next allocation. */
  view(buffer: tf.TensorInfo): Float32Array {
    return this.backend.typedArrayFromHeap(buffer);
  }

  free(...buffers: tf.TensorInfo[]): void {
    for (const buffer of buffers) this.backend.disposeData(buffer.dataId);
  }

  /** A·B (+ bias on every row) → a new [M, N] buffer, for A [M, K] (or [K, M] with transposeA) and B [K, N] (or [N, K] with transposeB). */
  matMul(a: tf.TensorInfo, b: tf.TensorInfo, { transposeA = false, transposeB = false, bias }: ProductOptions = {}): tf.TensorInfo {
    const [M, K] = transposeA ? [a.shape[1], a.shape[0]] : a.shape;
    const [depth, N] = transposeB ? [b.shape[1], b.shape[0]] : b.shape;
    if (depth !== K) throw new Error(`matMul: [${a.shape}]${transposeA ? 'ᵀ' : ''}·[${b.shape}]${transposeB ? 'ᵀ' : ''} do not match`);
    // The kernel reads B a row at a time, so a transposed B is laid out first; in this model it is
    // always small (a weight matrix), unlike A, which it reads through strides.
    const right = transposeB ? this.transposed(b) : b;
    const c = this.allocate([M, N]);
    const left: Strided = transposeA ? { buffer: a, rowStride: 1, columnStride: M } : { buffer: a, rowStride: K };
    this.productInto({ buffer: c, rowStride: N }, left, { buffer: right, rowStride: N }, [M, N, K], bias);
    if (right !== b) this.free(right);
    return c;
  }

  /** C = A·B (+ bias on every row) for [M, N] = [M, K]·[K, N] matrices in place; B's and C's rows must be contiguous. */
  productInto(c: Strided, a: Strided, b: Strided, [M, N, K]: [number, number, number], bias?: tf.TensorInfo): void {
    if ((b.columnStride ?? 1) !== 1 || (c.columnStride ?? 1) !== 1) throw new Error('productInto: B and C must have contiguous rows');
    this.kernels.matmul(
      this.address(a.buffer, a.offset), a.rowStride, a.columnStride ?? 1,
      this.address(b.buffer, b.offset), b.rowStride,
      this.address(c.buffer, c.offset), c.rowStride,
      bias ? this.address(bias) : 0, M, N, K,
    );
  }

  /** [R, C] → a new [C, R] buffer. */
  transposed(x: tf.TensorInfo): tf.TensorInfo {
    const [rows, columns] = x.shape;
    const out = this.allocate([columns, rows]);
    this.kernels.transpose(this.address(x), this.address(out), rows, columns);
    return out;
  }

  /** The column sums of an [R, C] buffer → a new [C] buffer. */
  columnSums(x: tf.TensorInfo): tf.TensorInfo {
    const [rows, columns] = x.shape;
    const out = this.allocate([columns]);
    this.kernels.column_sums(this.address(x), rows, columns, this.address(out));
    return out;
  }

  /** Softmax of each row of an [N, M] buffer → a new [N, M] buffer (XNNPACK's, vectorised). */
  softmax(x: tf.TensorInfo): tf.TensorInfo {
    return this.kernel(tf.Softmax, { logits: x }, { dim: 1 });
  }

  /** One of tfjs-backend-wasm's own (vectorised) kernels on heap buffers → a new buffer, outside the engine. */
  kernel(name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
    return tf.getKernel(name, 'wasm')!.kernelFunc({ inputs, backend: this.backend as unknown as tf.KernelBackend, attrs }) as tf.TensorInfo;
  }

  /** The byte address of element `offset` of a buffer. */
  private address(buffer: tf.TensorInfo, offset = 0): number {
    return this.backend.dataIdMap.get(buffer.dataId).memoryOffset + offset * Float32Array.BYTES_PER_ELEMENT;
  }

  /** Hands a buffer to the engine as a tensor, which then owns it. */
  toTensor<R extends tf.Rank>(buffer: tf.TensorInfo): tf.Tensor<R> {
    return tf.engine().makeTensorFromTensorInfo(buffer) as tf.Tensor<R>;
  }
}
