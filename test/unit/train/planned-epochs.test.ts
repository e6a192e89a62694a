import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectBackend } from '../../../daemon/backend/select-backend';
import { describeEpochOverrun, epochOverruns } from '../../../shared/planned-epochs';
import { tinyConfig, trainTiny } from './fixtures';

before(async () => {
  await selectBackend('cpu');
});

test('epochOverruns names each domain past its limit, with the weight that would keep it within', () => {
  const config = { training: { steps: 100, batchSize: 4 }, data: { contextLength: 10 }, mixture: { maxEpochs: { small: 2 } } };
  // 100 steps × 40 tokens = 4000 tokens; "small" gets half of them over 500 tokens: 4 epochs.
  const [overrun, ...rest] = epochOverruns(config, ['small', 'large'], [0.5, 0.5], [500, 100]);
  assert.deepEqual(rest, []);
  assert.deepEqual(overrun, { domain: 'small', weight: 0.5, planned: 4, limit: 2, weightWithinLimit: 0.25, steps: 100 });
  assert.equal(
    describeEpochOverrun(overrun),
    'domain "small" would be repeated 4.0 times, more than mixture.maxEpochs allows (2), if sampled at its starting weight 0.500 for all 100 steps; ' +
      'keep its weight below 0.25 (e.g. mixture.caps["small"].max), raise mixture.maxEpochs, train fewer steps or add data',
  );
  assert.match(describeEpochOverrun(overrun, 'estimated from file sizes'), /repeated about 4\.0 times.*\(estimated from file sizes\)$/);
});

test('the trainer warns before the first step when the starting distribution would exceed maxEpochs', async () => {
  // 30 steps × 64 tokens at 50% each: prose (2,880 training tokens) is read 0.33 times, pattern 0.25 times.
  const { sink } = await trainTiny({ config: tinyConfig({ mixture: { maxEpochs: 0.3 } }) });
  const warnings = sink.ofType('log').filter((l) => l.code === 'planned-epochs');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0].message, /^domain "prose" would be repeated 0\.3 times, more than mixture\.maxEpochs allows \(0\.3\)/);
  assert.ok(sink.events.indexOf(warnings[0]) < sink.events.findIndex((e) => e.type === 'step'), 'before training starts');
});

test('no warning without maxEpochs or within it', async () => {
  for (const mixture of [{}, { maxEpochs: 1 }]) {
    const { sink } = await trainTiny({ config: tinyConfig({ mixture, training: { steps: 2 } }) });
    assert.equal(sink.ofType('log').filter((l) => l.code === 'planned-epochs').length, 0);
  }
});
