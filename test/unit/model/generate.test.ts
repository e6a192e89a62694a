import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../../daemon/backend/select-backend';
import { generate } from '../../../daemon/model/generate';
import { Gpt, type GptConfig } from '../../../daemon/model/gpt';
import { kernelsFor } from '../../../daemon/model/kernels';
import { argmax, candidateProbabilities, nextToken, topKIndices } from '../../../daemon/model/sampling';
import { Random } from '../../../daemon/util/random';

const config: GptConfig = { vocabSize: 11, contextLength: 6, layers: 1, heads: 2, dModel: 8, mlpRatio: 2 };
let model: Gpt;

before(async () => {
  await selectBackend('cpu');
  model = new Gpt(config, 5, kernelsFor('cpu'));
});

describe('sampling math', () => {
  test('argmax takes the first of equal maxima', () => {
    assert.equal(argmax([0.1, 3, -2, 3]), 1);
  });

  test('top-k keeps the k largest, largest first; 0 keeps all', () => {
    assert.deepEqual(topKIndices([0.5, 2, -1, 2, 1], 3), [1, 3, 4]);
    assert.deepEqual(topKIndices([0.5, 2, -1], 0), [0, 1, 2]);
  });

  test('temperature sharpens or flattens the softmax and survives huge logits', () => {
    const logits = [1000, 999, 998];
    const cold = candidateProbabilities(logits, [0, 1, 2], 0.1);
    const warm = candidateProbabilities(logits, [0, 1, 2], 10);
    assert.ok(cold[0] > 0.9999 && warm[0] < 0.4);
    assert.ok(Math.abs(warm.reduce((a, b) => a + b) - 1) < 1e-12);
  });

  test('never draws outside the top k; temperature 0 is the argmax', () => {
    const logits = [0, 1, 2, 3, 4, 5];
    const rng = new Random(1);
    const drawn = new Set(Array.from({ length: 500 }, () => nextToken(logits, { temperature: 5, topK: 2 }, rng)));
    assert.deepEqual([...drawn].sort(), [4, 5]);
    assert.equal(nextToken([0, 9, 9, 1], { temperature: 0, topK: 0 }, rng), 1);
  });
});

describe('generate', () => {
  const prompts = [[1, 2, 3], [4]];

  test('gives the requested number of tokens per prompt, each in the vocabulary', () => {
    const out = generate(model, prompts, { tokens: 9, temperature: 1, topK: 0, rng: new Random(2) });
    assert.deepEqual(out.map((c) => c.length), [9, 9]);
    assert.ok(out.flat().every((t) => Number.isInteger(t) && t >= 0 && t < config.vocabSize));
  });

  test('is deterministic for a fixed seed and differs for another', () => {
    const run = (seed: number) => generate(model, prompts, { tokens: 12, temperature: 1.5, topK: 0, rng: new Random(seed) });
    assert.deepEqual(run(3), run(3));
    assert.notDeepEqual(run(3), run(4));
  });

  test('greedy decoding appends the argmax of the logits at the last position, with the context cropped to contextLength', () => {
    const prompt = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = generate(model, [prompt], { tokens: 4, temperature: 0, topK: 0, rng: new Random(0) });
    const sequence = [...prompt];
    for (let n = 0; n < 4; n++) {
      const window = sequence.slice(-config.contextLength);
      const logits = tf.tidy(() => model.logits(tf.tensor2d([window], [1, config.contextLength], 'int32')).arraySync() as number[][]);
      sequence.push(argmax(logits[config.contextLength - 1]));
    }
    assert.deepEqual(out[0], sequence.slice(prompt.length));
  });

  test('padding after a short prompt does not change its continuation', () => {
    const alone = generate(model, [[3, 1]], { tokens: 3, temperature: 0, topK: 0, rng: new Random(0) });
    const batched = generate(model, [[3, 1], [1, 2, 3, 4, 5]], { tokens: 3, temperature: 0, topK: 0, rng: new Random(0) });
    assert.deepEqual(batched[0], alone[0]);
  });

  test('an empty prompt is refused', () => {
    assert.throws(() => generate(model, [[]], { tokens: 1, temperature: 0, topK: 0, rng: new Random(0) }), /at least one token/);
  });
});
