/**
 * loadCheckpointModel: the model and tokenizer a run trained with, from one of its checkpoints.
 * Runs are written by hand here (a fresh model's parameters as a checkpoint), so every tokenizer
 * kind can be checked without training.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { resolveConfig, type RunConfig } from '../../../shared/config';
import { selectBackend } from '../../../daemon/backend/select-backend';
import { createTokenizer } from '../../../daemon/data';
import { generate } from '../../../daemon/model/generate';
import { Gpt } from '../../../daemon/model/gpt';
import { kernelsFor } from '../../../daemon/model/kernels';
import { flatten } from '../../../daemon/model/parameters';
import { createRunDir } from '../../../daemon/runs/create-run-dir';
import { CHECKPOINT_FORMAT_VERSION, writeCheckpoint } from '../../../daemon/train/checkpoint';
import { loadCheckpointModel, readTrainedRun } from '../../../daemon/train/checkpoint-model';
import { Random } from '../../../daemon/util/random';
import { tempDir } from '../../helpers/temp-dir';

const tokenizerFile = join(__dirname, '..', '..', 'fixtures', 'data', 'tokenizer.json');

before(async () => {
  await selectBackend('cpu');
});

/** A run whose checkpoint after `steps` holds a fresh model of `vocabSize` tokens. */
async function runWithCheckpoint(tokenizer: RunConfig['data']['tokenizer'], options: { vocabSize?: number; steps?: number } = {}) {
  const config = resolveConfig({ version: 1, name: 'sampled', data: { tokenizer, contextLength: 8, domains: [{ name: 'a', path: '/a.txt' }] }, model: { layers: 1, heads: 2, dModel: 8 } });
  const { runDir } = createRunDir({ dataDir: tempDir('ado-checkpoint-model-'), name: 'sampled', kind: 'train', policy: 'ado', config });
  const vocabSize = options.vocabSize ?? (await createTokenizer(config.data.tokenizer, runDir)).vocabSize;
  const model = new Gpt({ vocabSize, contextLength: 8, layers: 1, heads: 2, dModel: 8, mlpRatio: 4 }, 9, kernelsFor('cpu'));
  const parameters = flatten(model.parameters.map((p) => p.variable));
  writeCheckpoint(runDir, {
    state: {
      formatVersion: CHECKPOINT_FORMAT_VERSION,
      nextStep: options.steps ?? 10,
      tokens: 0,
      elapsedMs: 0,
      parameters: model.parameters.map((p) => ({ name: p.name, shape: [...p.variable.shape] })),
      optimizerStep: 0,
      samplerRng: [1, 2, 3, 4],
      streams: [],
      policy: { policy: 'ado', version: 1 },
      weights: [1],
      weightSums: [0],
    },
    parameters,
    firstMoment: new Float32Array(parameters.length),
    secondMoment: new Float32Array(parameters.length),
  });
  model.dispose();
  return { runDir, parameters };
}

for (const tokenizer of ['byte', 'gpt2', { huggingface: tokenizerFile }] as const) {
  test(`the ${typeof tokenizer === 'string' ? tokenizer : 'tokenizer.json'} run's checkpoint loads with its tokenizer and generates text`, async () => {
    const { runDir, parameters } = await runWithCheckpoint(tokenizer);
    const { config } = readTrainedRun(runDir);
    const loaded = await loadCheckpointModel(runDir, config, undefined, 'cpu');
    assert.equal(loaded.stepsTrained, 10);
    assert.deepEqual(flatten(loaded.model.parameters.map((p) => p.variable)), parameters);
    const [tokens] = generate(loaded.model, [loaded.tokenizer.encode('hello')], { tokens: 5, temperature: 1, topK: 0, rng: new Random(1) });
    assert.equal(tokens.length, 5);
    assert.equal(typeof loaded.tokenizer.decode(tokens), 'string');
    loaded.model.dispose();
  });
}

test('a checkpoint whose vocabulary differs from the tokenizer is refused with the reason', async () => {
  const { runDir } = await runWithCheckpoint('byte', { vocabSize: 300 });
  const { config } = readTrainedRun(runDir);
  await assert.rejects(loadCheckpointModel(runDir, config, undefined, 'cpu'), /holds another model than .*config\.json and its tokenizer \(byte, vocabulary 256\) describe/);
});

test('a run without checkpoints, and an external run, say so', async () => {
  const dataDir = tempDir('ado-checkpoint-model-');
  const config = resolveConfig({ version: 1, name: 'fresh', data: { domains: [{ name: 'a', path: '/a.txt' }] } });
  const fresh = createRunDir({ dataDir, name: 'fresh', kind: 'train', policy: 'ado', config });
  await assert.rejects(loadCheckpointModel(fresh.runDir, config, undefined, 'cpu'), /run fresh-\S+ has no checkpoint yet/);
  const external = createRunDir({ dataDir, name: 'ext', kind: 'external', policy: 'ado', config: { domains: ['a'] } });
  assert.throws(() => readTrainedRun(external.runDir), /is an external run: its model trained elsewhere/);
});
