/**
 * The token-embedding lookup, chosen per backend: ids [N] int32 and a table [V, C] → rows [N, C].
 *
 * tf.gather's gradient (UnsortedSegmentSum) has no wasm kernel. The one-hot product
 * onehot(ids)·table that replaces it costs two [N, V]·… matrix products per step plus a transpose
 * of the one-hot matrix. On the CPU backends the lookup is a gather instead, and its gradient — dy's
 * rows summed per id — is a short JavaScript loop over dy read back from the device. On wasm both
 * run on the heap (wasm-heap.ts): its Gather kernel takes about 5 ms for the 1,024 rows of a B8×T128
 * batch, where copying each row is a memcpy, and the gradient reads dy where it lies. The tensorflow
 * backend keeps the one-hot product: it registers gather's gradient, and reading back from a GPU
 * would stall it.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MatMul } from './matmul';
import { WasmHeap } from './wasm-heap';

export type Embed = (ids: tf.Tensor1D, table: tf.Tensor2D) => tf.Tensor2D;

export function embeddingFor(backend: string, matMul: MatMul): Embed {
  if (backend === 'tensorflow') return (ids, table) => matMul(oneHotFloat(ids, table.shape[0]), table);
  return backend === 'wasm' ? heapRows : gatherRows;
}

/** [N] int32 → [N, depth] float32. Made as int32 and cast: wasm's OneHot fills float32 output with zeros. */
export function oneHotFloat(indices: tf.Tensor1D, depth: number): tf.Tensor2D {
  return tf.cast(tf.oneHot(indices, depth), 'float32') as tf.Tensor2D;
}

function gatherRows(ids: tf.Tensor1D, table: tf.Tensor2D): tf.Tensor2D {
  return tf.customGrad((...args) => {
    const [rows] = args as [tf.Tensor2D];
    // Read now: the tensor is gone by the backward pass (tfjs disposes the forward pass's intermediates).
    const idValues = ids.dataSync() as Int32Array;
    return {
      value: tf.gather(rows, ids),
      gradFunc: (dy: tf.Tensor) => {
        const sums = new Float32Array(rows.size);
        addRowsById(idValues, dy.dataSync() as Float32Array, sums, rows.shape[1]);
        return [tf.tensor2d(sums, rows.shape)];
      },
    };
  })(table) as tf.Tensor2D;
}

function heapRows(ids: tf.Tensor1D, table: tf.Tensor2D): tf.Tensor2D {
  const idValues = ids.dataSync() as Int32Array;
  return tf.customGrad((...args) => {
    const [rows] = args as [tf.Tensor2D];
    const [V, C] = rows.shape;
    const bad = idValues.find((id) => id < 0 || id >= V);
    if (bad !== undefined) throw new Error(`token id ${bad} is outside the embedding table's ${V} rows`);
    const heap = new WasmHeap();
    const out = heap.allocate([idValues.length, C]);
    const [source, target] = [heap.view(rows), heap.view(out)];
    idValues.forEach((id, n) => target.set(source.subarray(id * C, (id + 1) * C), n * C));
    return {
      value: heap.toTensor<tf.Rank.R2>(out),
      gradFunc: (dy: tf.Tensor) => {
        const sums = heap.allocate([V, C]);
        const view = heap.view(sums).fill(0);
        addRowsById(idValues, heap.view(dy), view, C);
        return [heap.toTensor(sums)];
      },
    };
  })(table) as tf.Tensor2D;
}

/** Adds each row of `values` ([N, C], flat) to the row of `sums` ([V, C], flat) that its id names. */
function addRowsById(ids: Int32Array, values: Float32Array, sums: Float32Array, C: number): void {
  for (let n = 0; n < ids.length; n++) {
    const target = ids[n] * C;
    const source = n * C;
    for (let c = 0; c < C; c++) sums[target + c] += values[source + c];
  }
}
