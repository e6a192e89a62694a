import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectBackend } from '../../../daemon/backend/select-backend';
import { byteTokenizer } from '../../../daemon/data/tokenizers/byte';
import { Gpt } from '../../../daemon/model/gpt';
import { kernelsFor } from '../../../daemon/model/kernels';
import { TextSampler } from '../../../daemon/train/text-samples';
import { byteDomains, TEXTS, tinyConfig, trainTiny } from './fixtures';

before(async () => {
  await selectBackend('cpu');
});

test('with training.samples, every evaluation emits text samples from fixed held-out prompts of each domain', async () => {
  const samples = { perDomain: 2, promptTokens: 5, tokens: 6, temperature: 0.8, topK: 10 };
  const { sink } = await trainTiny({ config: tinyConfig({ training: { steps: 20, samples } }) });
  const events = sink.ofType('samples');
  assert.deepEqual(events.map((e) => e.step), sink.ofType('eval').map((e) => e.step));
  for (const event of events) {
    assert.deepEqual(event.samples.map((s) => s.domain), [0, 0, 1, 1]);
    for (const sample of event.samples) {
      assert.equal(Buffer.byteLength(sample.prompt), 5);
      assert.ok(Object.values(TEXTS)[sample.domain].includes(sample.prompt), 'the prompt is text of its domain');
      assert.ok(sample.text.length > 0);
    }
  }
  assert.deepEqual(events[0].samples.map((s) => s.prompt), events[1].samples.map((s) => s.prompt), 'the same prompts each time');
  const again = await trainTiny({ config: tinyConfig({ training: { steps: 20, samples } }) });
  assert.deepEqual(again.sink.ofType('samples'), events, 'deterministic for the run seed');
});

test('without training.samples no samples are generated', async () => {
  const { sink } = await trainTiny({ config: tinyConfig({ training: { steps: 10 } }) });
  assert.equal(sink.ofType('samples').length, 0);
});

test('prompts are generated at most rowsPerPass at a time, with the same greedy text as all at once', () => {
  const model = new Gpt({ vocabSize: 256, contextLength: 8, layers: 1, heads: 2, dModel: 16, mlpRatio: 4 }, 1, kernelsFor('cpu'));
  const settings = { perDomain: 2, promptTokens: 4, tokens: 5, temperature: 0, topK: 0 };
  const sampler = (rowsPerPass: number) => new TextSampler(byteDomains(TEXTS), 8, settings, byteTokenizer(), 1, rowsPerPass);
  assert.deepEqual(sampler(1).sample(model, 0), sampler(4).sample(model, 0));
  model.dispose();
});
