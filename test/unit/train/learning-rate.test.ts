import { test } from 'node:test';
import assert from 'node:assert/strict';
import { learningRateAt } from '../../../daemon/train/learning-rate';

const schedule = { learningRate: 1e-3, minLearningRate: 1e-5, warmupSteps: 10, steps: 110 };
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-15, `${a} vs ${b}`);

test('warm-up rises linearly from lr/warmup to the peak', () => {
  close(learningRateAt(0, schedule), 1e-4);
  close(learningRateAt(4, schedule), 5e-4);
  close(learningRateAt(9, schedule), 1e-3);
});

test('then a cosine decays from the peak to the minimum at the last step', () => {
  close(learningRateAt(10, schedule), 1e-3);
  close(learningRateAt(59.5, schedule), (1e-3 + 1e-5) / 2);
  close(learningRateAt(109, schedule), 1e-5);
  for (let step = 10; step < 109; step++) assert.ok(learningRateAt(step + 1, schedule) < learningRateAt(step, schedule));
});

test('without warm-up the first step trains at the peak; past the end the rate stays at the minimum', () => {
  close(learningRateAt(0, { ...schedule, warmupSteps: 0 }), 1e-3);
  close(learningRateAt(500, schedule), 1e-5);
});

test('a run no longer than its warm-up never decays', () => {
  close(learningRateAt(4, { ...schedule, steps: 5, warmupSteps: 5 }), 1e-3);
  close(learningRateAt(0, { ...schedule, steps: 1, warmupSteps: 0 }), 1e-3);
});
