/**
 * The token-embedding lookup, chosen per backend: ids [N] int32 and a table [V, C] → rows [N, C].
 *
 * tf.gather's gradient (UnsortedSegmentSum) has no wasm kernel. The one-hot product
 * onehot(ids)·table that replaces it costs two [N, V]·… matrix products per step plus a transpose
 * of the one-hot matrix. On the CPU backends the lookup is a gather instead, and its gradient — dy's
 * rows summed per id — is a short JavaScript loop over dy read back from the device. The tensorflow
 * backend keeps the one-hot product: it registers gather's gradient, and reading back from a GPU
 * would stall it.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MatMul } from './matmul';

export type Embed = (ids: tf.Tensor1D, table: tf.Tensor2D) => tf.Tensor2D;

export function embeddingFor(backend: string, matMul: MatMul): Embed {
  return backend === 'tensorflow' ? (ids, table) => matMul(oneHotFloat(ids, table.shape[0]), table) : gatherRows;
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
      gradFunc: (dy: tf.Tensor) => [tf.tensor2d(sumRowsById(idValues, dy.dataSync() as Float32Array, rows.shape), rows.shape)],
    };
  })(table) as tf.Tensor2D;
}

/** Σ of the rows of `values` ([N, C], flat) that share an id, per id: [V, C], flat. */
function sumRowsById(ids: Int32Array, values: Float32Array, [V, C]: number[]): Float32Array {
  const sums = new Float32Array(V * C);
  for (let n = 0; n < ids.length; n++) {
    const target = ids[n] * C;
    const source = n * C;
    for (let c = 0; c < C; c++) sums[target + c] += values[source + c];
  }
  return sums;
}
