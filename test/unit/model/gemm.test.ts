/** gemm.wat's kernels on the wasm heap against tfjs's cpu products, on shapes that exercise every edge of the tiling. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../../daemon/backend/select-backend';
import { WasmHeap, type ProductOptions } from '../../../daemon/model/wasm-heap';
import { Random } from '../../../daemon/util/random';
import { onWasmBackend } from '../../helpers/wasm-backend';

onWasmBackend();

const random = new Random(7);
const values = (n: number) => Float32Array.from({ length: n }, () => random.next() * 2 - 1);

/** Runs `product` on the wasm heap with the given operands, returning the result's values. */
function onHeap(shapes: number[][], product: (heap: WasmHeap, ...inputs: tf.Tensor[]) => tf.TensorInfo, data: Float32Array[]): Float32Array {
  return tf.tidy(() => {
    const heap = new WasmHeap();
    const result = heap.toTensor(product(heap, ...shapes.map((shape, i) => tf.tensor(data[i], shape))));
    return result.dataSync() as Float32Array;
  });
}

async function expected(compute: () => tf.Tensor): Promise<Float32Array> {
  await selectBackend('cpu');
  try {
    return tf.tidy(() => compute().dataSync() as Float32Array);
  } finally {
    await selectBackend('wasm');
  }
}

function assertClose(actual: Float32Array, wanted: Float32Array, what: string): void {
  assert.equal(actual.length, wanted.length, `${what}: length`);
  wanted.forEach((w, i) => assert.ok(Math.abs(actual[i] - w) <= 1e-5 * (1 + Math.abs(w)), `${what}[${i}]: ${actual[i]} vs ${w}`));
}

// 4 × 8 tiles, k in passes of 128: whole tiles, ragged rows and columns, one and several passes, vectors.
const shapes: [number, number, number][] = [[4, 8, 1], [8, 16, 128], [13, 21, 300], [1, 5, 3], [64, 40, 257], [3, 9, 129]];

for (const [M, N, K] of shapes) {
  for (const [transposeA, transposeB] of [[false, false], [true, false], [false, true], [true, true]]) {
    test(`matMul ${M}×${K}·${K}×${N} (transposeA ${transposeA}, transposeB ${transposeB}, with bias) matches tfjs`, async () => {
      const aShape: [number, number] = transposeA ? [K, M] : [M, K];
      const bShape: [number, number] = transposeB ? [N, K] : [K, N];
      const data = [values(M * K), values(K * N), values(N)];
      const options = (bias: tf.Tensor): ProductOptions => ({ transposeA, transposeB, bias });
      const actual = onHeap([aShape, bShape, [N]], (heap, a, b, bias) => heap.matMul(a, b, options(bias)), data);
      const wanted = await expected(() => tf.add(tf.matMul(tf.tensor2d(data[0], aShape), tf.tensor2d(data[1], bShape), transposeA, transposeB), tf.tensor(data[2])));
      assertClose(actual, wanted, 'product');
    });
  }
}

test('matMul without a bias adds nothing', async () => {
  const data = [values(5 * 7), values(7 * 9)];
  const actual = onHeap([[5, 7], [7, 9]], (heap, a, b) => heap.matMul(a, b), data);
  assertClose(actual, await expected(() => tf.matMul(tf.tensor2d(data[0], [5, 7]), tf.tensor2d(data[1], [7, 9]))), 'product');
});

test('mismatched inner sizes are refused with both shapes', () => {
  assert.throws(() => onHeap([[2, 3], [4, 5]], (heap, a, b) => heap.matMul(a, b), [values(6), values(20)]), /\[2,3\]·\[4,5\] do not match/);
});

test('transposed and columnSums match tfjs on ragged shapes', async () => {
  for (const [rows, columns] of [[1, 1], [5, 3], [17, 10], [128, 36]]) {
    const data = [values(rows * columns)];
    assertClose(onHeap([[rows, columns]], (heap, x) => heap.transposed(x), data), await expected(() => tf.transpose(tf.tensor2d(data[0], [rows, columns]))), 'transposed');
    assertClose(onHeap([[rows, columns]], (heap, x) => heap.columnSums(x), data), await expected(() => tf.sum(tf.tensor2d(data[0], [rows, columns]), 0)), 'columnSums');
  }
});
