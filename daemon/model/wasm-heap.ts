/**
 * Working on the wasm backend's heap directly, below tfjs's engine: buffers, views of them, and
 * XNNPACK's matrix product on them.
 *
 * Why: code that runs many small products (attention runs six per sequence and head) pays more in
 * the engine — a tracked tensor per operand, a JavaScript copy in and out of the heap per product,
 * garbage for the collector — than in the products themselves. Here operands are filled and results
 * read in place through views of the heap, and the engine only sees the tensors finally returned.
 *
 * A view is valid until the next allocation, which may grow (and so replace) the heap's buffer:
 * take it just before use. The wasm kernels cache XNNPACK's packed copy of a product's right operand
 * under that buffer's id until the buffer is freed, so a right operand must be a fresh buffer that
 * is freed after the product, never one refilled in place.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The parts of tfjs-backend-wasm's BackendWasm used here (public methods of its class). */
interface WasmBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
  disposeData(dataId: tf.DataId): boolean;
}

export class WasmHeap {
  private readonly backend: WasmBackend;
  private readonly batchMatMul: tf.KernelFunc;
  private readonly softmaxKernel: tf.KernelFunc;

  constructor() {
    if (tf.getBackend() !== 'wasm') throw new Error(`WasmHeap needs the wasm backend, not ${tf.getBackend()}`);
    this.backend = tf.backend() as unknown as WasmBackend;
    this.batchMatMul = tf.getKernel(tf.BatchMatMul, 'wasm')!.kernelFunc;
    this.softmaxKernel = tf.getKernel(tf.Softmax, 'wasm')!.kernelFunc;
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

  /** [M, K]·[K, N] → a new [M, N] buffer. */
  matMul(a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo {
    return this.batchMatMul({ inputs: { a, b }, backend: this.backend as unknown as tf.KernelBackend, attrs: { transposeA: false, transposeB: false } }) as tf.TensorInfo;
  }

  /** Softmax of each row of an [N, M] buffer → a new [N, M] buffer (XNNPACK's, vectorised). */
  softmax(x: tf.TensorInfo): tf.TensorInfo {
    return this.softmaxKernel({ inputs: { logits: x }, backend: this.backend as unknown as tf.KernelBackend, attrs: { dim: 1 } }) as tf.TensorInfo;
  }

  /** Hands a buffer to the engine as a tensor, which then owns it. */
  toTensor<R extends tf.Rank>(buffer: tf.TensorInfo): tf.Tensor<R> {
    return tf.engine().makeTensorFromTensorInfo(buffer) as tf.Tensor<R>;
  }
}
