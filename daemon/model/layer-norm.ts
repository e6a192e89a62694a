/**
 * LayerNorm over the last axis ((x − mean) / √(variance + ε) · gain + bias), chosen per backend.
 *
 * Through tfjs ops one LayerNorm is about ten kernels forward and twice as many backward (broadcast
 * gradients summed back, per kernel), each a pass over the activation with a tensor of its own. The
 * heap variant (wasm) makes one pass per row each way in JavaScript over views of the heap, with the
 * gradient written out: for r = 1/√(variance + ε), x̂ = (x − mean)·r and g = dy·gain,
 *   dx = r·(g − mean(g) − x̂·mean(g·x̂)),  dgain = Σ_rows dy·x̂,  dbias = Σ_rows dy.
 */
import * as tf from '@tensorflow/tfjs-core';
import { WasmHeap } from './wasm-heap';

/** x [B, T, C], gain and bias [C] → [B, T, C] */
export type LayerNorm = (x: tf.Tensor3D, gain: tf.Tensor1D, bias: tf.Tensor1D) => tf.Tensor3D;

const EPSILON = 1e-5;

export function layerNormFor(backend: string): LayerNorm {
  return backend === 'wasm' ? heapLayerNorm : tensorLayerNorm;
}

export function tensorLayerNorm(x: tf.Tensor3D, gain: tf.Tensor1D, bias: tf.Tensor1D): tf.Tensor3D {
  const { mean, variance } = tf.moments(x, -1, true);
  const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, EPSILON)));
  return tf.add(tf.mul(normalised, gain), bias);
}

export function heapLayerNorm(x: tf.Tensor3D, gain: tf.Tensor1D, bias: tf.Tensor1D): tf.Tensor3D {
  return tf.customGrad((...args) => {
    const [input, g, b, save] = args as [tf.Tensor3D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const C = g.shape[0];
    const heap = new WasmHeap();
    const y = heap.allocate(input.shape);
    const statistics = heap.allocate([input.size / C, 2]); // each row's mean and r, for the backward pass
    normalise(heap.view(input), heap.view(g), heap.view(b), heap.view(y), heap.view(statistics));
    save([input, heap.toTensor(statistics), g]);
    return {
      value: heap.toTensor<tf.Rank.R3>(y),
      gradFunc: (dy: tf.Tensor, [savedInput, savedStatistics, savedGain]: tf.Tensor[]) => {
        const dx = heap.allocate(input.shape);
        const dGain = heap.allocate([C]);
        const dBias = heap.allocate([C]);
        const views = [dy, savedInput, savedStatistics, savedGain, dx, dGain, dBias].map((buffer) => heap.view(buffer));
        normaliseBackward(...(views as Parameters<typeof normaliseBackward>));
        return [heap.toTensor(dx), heap.toTensor(dGain), heap.toTensor(dBias)];
      },
    };
  })(x, gain, bias) as tf.Tensor3D;
}

/** y = x̂·gain + bias with x̂ = (x − mean)·r per row; statistics gets each row's mean and r. */
function normalise(x: Float32Array, gain: Float32Array, bias: Float32Array, y: Float32Array, statistics: Float32Array): void {
  const C = gain.length;
  for (let n = 0; n < statistics.length / 2; n++) {
    const row = n * C;
    // Sums of x − x[row] rather than of x: exact enough for a variance however far from 0 the row sits.
    const shift = x[row];
    let sum = 0;
    let squares = 0;
    for (let c = row; c < row + C; c++) {
      const d = x[c] - shift;
      sum += d;
      squares += d * d;
    }
    const shiftedMean = sum / C;
    const mean = shift + shiftedMean;
    const r = 1 / Math.sqrt(Math.max(squares / C - shiftedMean * shiftedMean, 0) + EPSILON);
    statistics[2 * n] = mean;
    statistics[2 * n + 1] = r;
    for (let c = 0; c < C; c++) y[row + c] = (x[row + c] - mean) * r * gain[c] + bias[c];
  }
}

function normaliseBackward(
  dy: Float32Array,
  x: Float32Array,
  statistics: Float32Array,
  gain: Float32Array,
  dx: Float32Array,
  dGain: Float32Array,
  dBias: Float32Array,
): void {
  const C = gain.length;
  // Summed over every row: in double precision, then stored once.
  const gainSums = new Float64Array(C);
  const biasSums = new Float64Array(C);
  for (let n = 0; n < statistics.length / 2; n++) {
    const row = n * C;
    const mean = statistics[2 * n];
    const r = statistics[2 * n + 1];
    let gSum = 0;
    let gxSum = 0;
    for (let c = 0; c < C; c++) {
      const d = dy[row + c];
      const xHat = (x[row + c] - mean) * r;
      const g = d * gain[c];
      gSum += g;
      gxSum += g * xHat;
      gainSums[c] += d * xHat;
      biasSums[c] += d;
    }
    const gMean = gSum / C;
    const gxMean = gxSum / C;
    for (let c = 0; c < C; c++) dx[row + c] = r * (dy[row + c] * gain[c] - gMean - (x[row + c] - mean) * r * gxMean);
  }
  dGain.set(gainSums);
  dBias.set(biasSums);
}
