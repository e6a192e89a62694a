/**
 * Gradients of the kernels the GPT uses, registered with tfjs-core on import.
 *
 * Why this file exists: tfjs-core's CommonJS build (the one Node loads) registers no gradients at
 * all; only the `@tensorflow/tfjs` union bundle does, and this project depends on tfjs-core and
 * the backends alone. tfjs-core's own gradient modules ship only as extension-less ES modules
 * that Node cannot load. Each rule below is the textbook derivative of its kernel. A rule that is
 * already registered (e.g. by tfjs-node-gpu, which loads the union bundle) is left alone.
 *
 * Shapes: binary kernels broadcast, so each input's gradient is summed back to that input's shape.
 */
import * as tf from '@tensorflow/tfjs-core';

type Gradient = (dy: tf.Tensor, saved: tf.Tensor[], attrs: tf.NamedAttrMap) => Record<string, () => tf.Tensor>;

interface Rule {
  kernelName: string;
  inputsToSave?: string[];
  saveAllInputs?: boolean;
  outputsToSave?: boolean[];
  gradient: Gradient;
}

/** Sums a broadcast gradient back to the shape of the input it flowed from. */
function unbroadcast(dy: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, dy.shape);
  return tf.reshape(axes.length > 0 ? tf.sum(dy, axes) : dy, shape);
}

/** dy of a reduction over `axis` (kept or dropped), spread back over the input's shape. */
function spreadOverReducedAxes(dy: tf.Tensor, inputShape: number[], axis: number | number[]): tf.Tensor {
  const axes = tf.util.parseAxisParam(axis, inputShape);
  const keptShape = inputShape.map((size, i) => (axes.includes(i) ? 1 : size));
  // A broadcasting multiply, not tf.broadcastTo: wasm's Tile kernel is about 20× slower.
  return tf.mul(tf.reshape(dy, keptShape), tf.ones(inputShape));
}

const rules: Rule[] = [
  {
    kernelName: tf.Add,
    inputsToSave: ['a', 'b'],
    gradient: (dy, [a, b]) => ({ a: () => unbroadcast(dy, a.shape), b: () => unbroadcast(dy, b.shape) }),
  },
  {
    kernelName: tf.Sub,
    inputsToSave: ['a', 'b'],
    gradient: (dy, [a, b]) => ({ a: () => unbroadcast(dy, a.shape), b: () => unbroadcast(tf.neg(dy), b.shape) }),
  },
  {
    kernelName: tf.Multiply,
    inputsToSave: ['a', 'b'],
    gradient: (dy, [a, b]) => ({
      a: () => unbroadcast(tf.mul(dy, b), a.shape),
      b: () => unbroadcast(tf.mul(dy, a), b.shape),
    }),
  },
  { kernelName: tf.Neg, gradient: (dy) => ({ x: () => tf.neg(dy) }) },
  { kernelName: tf.Cast, gradient: (dy) => ({ x: () => tf.clone(dy) }) },
  { kernelName: tf.Square, inputsToSave: ['x'], gradient: (dy, [x]) => ({ x: () => tf.mul(tf.mul(dy, x), 2) }) },
  {
    // y = x^(−1/2), so dy/dx = −y³/2.
    kernelName: tf.Rsqrt,
    outputsToSave: [true],
    gradient: (dy, [y]) => ({ x: () => tf.mul(tf.mul(dy, tf.mul(tf.square(y), y)), -0.5) }),
  },
  {
    kernelName: tf.Sigmoid,
    outputsToSave: [true],
    gradient: (dy, [y]) => ({ x: () => tf.mul(dy, tf.mul(y, tf.sub(1, y))) }),
  },
  {
    kernelName: tf.Softmax,
    outputsToSave: [true],
    gradient: (dy, [y], attrs) => {
      const { dim } = attrs as unknown as tf.SoftmaxAttrs;
      return { logits: () => tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), dim, true))) };
    },
  },
  {
    kernelName: tf.Sum,
    inputsToSave: ['x'],
    gradient: (dy, [x], attrs) => ({ x: () => spreadOverReducedAxes(dy, x.shape, (attrs as unknown as tf.SumAttrs).axis) }),
  },
  {
    kernelName: tf.Mean,
    inputsToSave: ['x'],
    gradient: (dy, [x], attrs) => {
      const { axis } = attrs as unknown as tf.MeanAttrs;
      const count = tf.util.parseAxisParam(axis, x.shape).reduce((n, a) => n * x.shape[a], 1);
      return { x: () => tf.div(spreadOverReducedAxes(dy, x.shape, axis), count) };
    },
  },
  { kernelName: tf.Reshape, inputsToSave: ['x'], gradient: (dy, [x]) => ({ x: () => tf.reshape(dy, x.shape) }) },
  {
    kernelName: tf.Transpose,
    gradient: (dy, _saved, attrs) => {
      const { perm } = attrs as unknown as tf.TransposeAttrs;
      const inverse = perm.map((_, i) => perm.indexOf(i));
      return { x: () => tf.transpose(dy, inverse) };
    },
  },
  {
    kernelName: tf.Concat,
    saveAllInputs: true,
    gradient: (dy, saved, attrs) => {
      const axis = tf.util.parseAxisParam((attrs as unknown as tf.ConcatAttrs).axis, saved[0].shape)[0];
      const pieces = tf.split(dy, saved.map((t) => t.shape[axis]), axis);
      return Object.fromEntries(pieces.map((piece, i) => [i, () => piece]));
    },
  },
  {
    kernelName: tf.Slice,
    inputsToSave: ['x'],
    gradient: (dy, [x], attrs) => {
      const { begin, size } = attrs as unknown as tf.SliceAttrs;
      const [start, extent] = tf.slice_util.parseSliceParams(x, begin, size);
      return { x: () => tf.pad(dy, x.shape.map((d, i) => [start[i], d - start[i] - extent[i]] as [number, number])) };
    },
  },
  {
    kernelName: tf.BatchMatMul,
    inputsToSave: ['a', 'b'],
    gradient: (dy, [a, b], attrs) => {
      const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
      // For C = op(A)·op(B): dA = dC·op(B)ᵀ (transposed back when A was), and likewise for B.
      const da = transposeA ? () => tf.matMul(b, dy, transposeB, true) : () => tf.matMul(dy, b, false, !transposeB);
      const db = transposeB ? () => tf.matMul(dy, a, true, transposeA) : () => tf.matMul(a, dy, !transposeA, false);
      return { a: () => unbroadcast(da(), a.shape), b: () => unbroadcast(db(), b.shape) };
    },
  },
];

for (const { kernelName, inputsToSave, saveAllInputs, outputsToSave, gradient } of rules) {
  if (tf.getGradient(kernelName) === undefined) {
    tf.registerGradient({ kernelName, inputsToSave, saveAllInputs, outputsToSave, gradFunc: gradient as tf.GradFunc });
  }
}
