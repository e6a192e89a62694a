/** Training on the backend users get by default (wasm), with its own kernels (heap attention). */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../../daemon/backend/select-backend';
import { tinyConfig, trainTiny, WASM_BACKEND } from './fixtures';

before(async () => {
  await selectBackend('wasm');
});

test('the loss falls on a learnable domain within a few dozen steps', async () => {
  const { sink } = await trainTiny({ backend: WASM_BACKEND, config: tinyConfig({ training: { steps: 40, evalInterval: 40, checkpointInterval: 40, backend: 'wasm' } }) });
  const patternLosses = sink.ofType('step').map((e) => e.domainLosses[0]).filter((l): l is number => l !== null);
  const first = patternLosses.slice(0, 5).reduce((a, b) => a + b) / 5;
  const last = patternLosses.slice(-5).reduce((a, b) => a + b) / 5;
  assert.ok(first > 4.5, `starts near ln 256: ${first}`);
  assert.ok(last < first - 2, `falls: ${first} → ${last}`);
});

test('the tensor count stays flat over 100 steps', async () => {
  const counts: number[] = [];
  await trainTiny({
    backend: WASM_BACKEND,
    config: tinyConfig({ training: { steps: 100, evalInterval: 25, checkpointInterval: 50, backend: 'wasm' } }),
    onStep: () => counts.push(tf.memory().numTensors),
  });
  assert.equal(new Set(counts.slice(1)).size, 1, `tensor counts: ${[...new Set(counts)].join(', ')}`);
});
