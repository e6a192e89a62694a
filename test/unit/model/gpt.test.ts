import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../../daemon/backend/select-backend';
import { Gpt, type GptConfig } from '../../../daemon/model/gpt';
import { kernelsFor } from '../../../daemon/model/kernels';
import { lossAndGradients, perSampleLoss, type TokenBatch } from '../../../daemon/model/objective';
import { referencePerSampleLoss } from './reference-gpt';

const config: GptConfig = { vocabSize: 7, contextLength: 4, layers: 2, heads: 2, dModel: 8, mlpRatio: 2 };
const batch: TokenBatch = {
  size: 2,
  length: 4,
  inputs: Int32Array.from([0, 3, 6, 2, 5, 5, 1, 4]),
  targets: Int32Array.from([3, 6, 2, 1, 5, 1, 4, 0]),
};

before(async () => {
  await selectBackend('cpu');
});

function weightsOf(model: Gpt) {
  const byName = new Map(model.parameters.map((p) => [p.name, { values: p.variable.dataSync() as Float32Array, shape: p.variable.shape }]));
  return { get: (name: string) => byName.get(name) ?? assert.fail(`no parameter ${name}`) };
}

function rows(values: Int32Array, length: number): number[][] {
  return Array.from({ length: values.length / length }, (_, r) => Array.from(values.subarray(r * length, (r + 1) * length)));
}

test('the per-sample loss equals a plain-JavaScript computation from the same weights', () => {
  const model = new Gpt(config, 3, kernelsFor('cpu'));
  // Non-trivial gains and biases, so a mistake in any of them shows.
  tf.tidy(() => model.parameters.filter((p) => !p.decay).forEach((p) => p.variable.assign(tf.randomUniform(p.variable.shape, 0.5, 1.5, 'float32', 7))));
  const actual = tf.tidy(() => Array.from(perSampleLoss(model, batch).dataSync()));
  const expected = referencePerSampleLoss(weightsOf(model), config, rows(batch.inputs, 4), rows(batch.targets, 4));
  assert.equal(actual.length, 2);
  actual.forEach((loss, i) => assert.ok(Math.abs(loss - expected[i]) < 1e-5, `sample ${i}: ${loss} vs ${expected[i]}`));
  model.dispose();
});

test('an untrained model predicts close to uniformly: loss ≈ ln(vocabulary)', () => {
  const model = new Gpt(config, 1, kernelsFor('cpu'));
  const losses = tf.tidy(() => Array.from(perSampleLoss(model, batch).dataSync()));
  for (const loss of losses) assert.ok(Math.abs(loss - Math.log(7)) < 0.1, `loss ${loss}`);
  model.dispose();
});

test('gradients agree with central finite differences of the mean loss', () => {
  const model = new Gpt(config, 5, kernelsFor('cpu'));
  // Weights far from the initialisation's tiny scale, so every gradient is large enough to check.
  tf.tidy(() => model.parameters.forEach((p, i) => p.variable.assign(tf.randomUniform(p.variable.shape, -0.6, 0.6, 'float32', i))));
  const meanLoss = () => tf.tidy(() => tf.mean(perSampleLoss(model, batch)).dataSync()[0]);
  const gradients = tf.tidy(() => {
    const { perSample, gradients } = lossAndGradients(model, batch);
    perSample.dispose();
    return gradients.map((g) => g.dataSync().slice() as Float32Array);
  });
  const epsilon = 1e-2;
  model.parameters.forEach((parameter, index) => {
    const values = parameter.variable.dataSync().slice() as Float32Array;
    // A few coordinates per parameter keep the test fast; float32 limits the precision.
    for (const i of [0, Math.floor(values.length / 2), values.length - 1]) {
      const at = (delta: number) => {
        const shifted = values.slice();
        shifted[i] += delta;
        tf.tidy(() => parameter.variable.assign(tf.tensor(shifted, parameter.variable.shape)));
        return meanLoss();
      };
      const numeric = (at(epsilon) - at(-epsilon)) / (2 * epsilon);
      tf.tidy(() => parameter.variable.assign(tf.tensor(values, parameter.variable.shape)));
      const analytic = gradients[index][i];
      assert.ok(Math.abs(numeric - analytic) < 5e-5 + 0.01 * Math.abs(numeric), `${parameter.name}[${i}]: analytic ${analytic}, numeric ${numeric}`);
    }
  });
  model.dispose();
});

test('the wasm kernels (gemm.wat products, heap attention, embedding, LayerNorm, GELU and cross-entropy) give the same losses and gradients as the plain ones', async () => {
  // The heap attention runs on the wasm backend only; the plain kernels run there too, through tfjs's own ops.
  await selectBackend('wasm');
  try {
    const plain = new Gpt(config, 9, kernelsFor('cpu'));
    const explicit = new Gpt(config, 9, kernelsFor('wasm'));
    const lossAndGradientsOf = (model: Gpt) =>
      tf.tidy(() => {
        const { perSample, gradients } = lossAndGradients(model, batch);
        const losses = Array.from(perSample.dataSync());
        perSample.dispose();
        return [losses, ...gradients.map((g) => Array.from(g.dataSync()))];
      });
    const a = lossAndGradientsOf(plain);
    const b = lossAndGradientsOf(explicit);
    a.forEach((values, i) => values.forEach((v, j) => assert.ok(Math.abs(v - b[i][j]) < 1e-6, `${i === 0 ? 'loss' : plain.parameters[i - 1].name}[${j}]: ${v} vs ${b[i][j]}`)));
    plain.dispose();
    explicit.dispose();
  } finally {
    await selectBackend('cpu');
  }
});

test('the same seed gives the same initial parameters', () => {
  const a = new Gpt(config, 11, kernelsFor('cpu'));
  const b = new Gpt(config, 11, kernelsFor('cpu'));
  a.parameters.forEach((p, i) => assert.deepEqual(p.variable.dataSync(), b.parameters[i].variable.dataSync()));
  a.dispose();
  b.dispose();
});

test('GPT-2 initialisation: N(0, 0.02) weights, residual projections scaled by 1/√(2·layers), zero biases, unit gains', () => {
  const large: GptConfig = { vocabSize: 64, contextLength: 16, layers: 2, heads: 2, dModel: 64, mlpRatio: 4 };
  const model = new Gpt(large, 2, kernelsFor('cpu'));
  const std = (name: string) => {
    const values = Array.from(model.parameters.find((p) => p.name === name)!.variable.dataSync());
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  };
  assert.ok(Math.abs(std('h.0.mlp.fc.weight') - 0.02) < 0.001);
  assert.ok(Math.abs(std('h.1.mlp.proj.weight') - 0.01) < 0.001);
  assert.ok(Math.abs(std('h.0.attn.out.weight') - 0.01) < 0.001);
  assert.deepEqual(new Set(model.parameters.find((p) => p.name === 'h.0.attn.query.bias')!.variable.dataSync()), new Set([0]));
  assert.deepEqual(new Set(model.parameters.find((p) => p.name === 'lnf.gain')!.variable.dataSync()), new Set([1]));
  assert.deepEqual(
    model.parameters.filter((p) => p.decay).map((p) => p.variable.shape.length),
    model.parameters.filter((p) => p.decay).map(() => 2),
  );
  model.dispose();
});
