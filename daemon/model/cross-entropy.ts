/**
 * Each sample's mean token cross-entropy, in nats, from the logits, chosen per backend:
 * logits [B·T, V] and targets [B, T] int32 → [B].
 *
 * Through tfjs ops the loss is a log-softmax, a one-hot mask, a product and two reductions, and as
 * many kernels again backward, each a pass over the [B·T, V] logits (wasm's Exp and Log among them,
 * scalar loops). The heap variant (wasm) makes one vectorised softmax (XNNPACK's, wasm-heap.ts) and
 * one pass in JavaScript each way, with the gradient written out: softmax − onehot(target), times
 * the sample's dy / T. The loss is log-sum-exp − the target's logit, where log Σ exp(x − max) is
 * −log of the largest probability (exp(0) over the sum): that probability is at least 1/V, so no
 * logit, however extreme, makes the loss overflow or lose its digits, as −log(p_target) would.
 */
import * as tf from '@tensorflow/tfjs-core';
import { oneHotFloat } from './embedding';
import { WasmHeap } from './wasm-heap';

export type CrossEntropy = (logits: tf.Tensor2D, targets: tf.Tensor2D) => tf.Tensor1D;

export function crossEntropyFor(backend: string): CrossEntropy {
  return backend === 'wasm' ? heapCrossEntropy : tensorCrossEntropy;
}

export function tensorCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  const [B, T] = targets.shape;
  const logProbs = tf.logSoftmax(logits); // [B·T, V]
  const targetMask = oneHotFloat(tf.reshape<tf.Rank.R1>(targets, [B * T]), logits.shape[1]); // [B·T, V]
  const tokenLoss = tf.neg(tf.sum(tf.mul(targetMask, logProbs), -1)); // [B·T]
  return tf.mean(tf.reshape<tf.Rank.R2>(tokenLoss, [B, T]), -1); // [B]
}

export function heapCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  const [B, T] = targets.shape;
  // Read now: the tensor may be gone by the backward pass.
  const targetIds = targets.dataSync() as Int32Array;
  return tf.customGrad((...args) => {
    const [x, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const V = x.shape[1];
    const heap = new WasmHeap();
    const probabilities = heap.softmax(x); // kept for the backward pass
    const losses = heap.allocate([B]);
    meanTokenLosses(heap.view(x), heap.view(probabilities), targetIds, heap.view(losses), T, V);
    save([heap.toTensor(probabilities)]);
    return {
      value: heap.toTensor<tf.Rank.R1>(losses),
      gradFunc: (dy: tf.Tensor, [p]: tf.Tensor[]) => {
        const dx = heap.allocate([B * T, V]);
        logitGradients(heap.view(p), targetIds, heap.view(dy), heap.view(dx), T, V);
        return heap.toTensor(dx);
      },
    };
  })(logits) as tf.Tensor1D;
}

/** Per sample, the mean over its T rows of log Σ exp(x) − x[target]. */
function meanTokenLosses(x: Float32Array, p: Float32Array, targets: Int32Array, out: Float32Array, T: number, V: number): void {
  for (let b = 0; b < out.length; b++) {
    let sum = 0;
    for (let t = 0; t < T; t++) {
      const row = (b * T + t) * V;
      let largest = row;
      for (let v = row + 1; v < row + V; v++) if (x[v] > x[largest]) largest = v;
      sum += x[largest] - x[row + targets[b * T + t]] - Math.log(p[largest]);
    }
    out[b] = sum / T;
  }
}

/** d(loss_b)/d(x) = (p − onehot(target)) / T per row, times its sample's dy. */
function logitGradients(p: Float32Array, targets: Int32Array, dy: Float32Array, dx: Float32Array, T: number, V: number): void {
  for (let b = 0; b < dy.length; b++) {
    const scale = dy[b] / T;
    for (let t = 0; t < T; t++) {
      const row = (b * T + t) * V;
      for (let v = row; v < row + V; v++) dx[v] = p[v] * scale;
      dx[row + targets[b * T + t]] -= scale;
    }
  }
}
