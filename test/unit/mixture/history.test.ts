import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LossHistory } from '../../../daemon/mixture/history';

test('absent domains repeat their previous loss; at the first step they take the count-weighted batch mean', () => {
  const history = new LossHistory(3, true);
  history.append([3, 1, 0], [2, 6, null]);
  history.append([0, 2, 2], [null, 5, 4]);
  assert.deepEqual(Array.from(history.losses(2)), [3, 4]); // (3·2 + 1·6) / 4, then present
  assert.deepEqual(Array.from(history.losses(0)), [2, 2]);
  assert.deepEqual(Array.from(history.losses(1)), [6, 5]);
});

test('n: with sameStepSize every domain counts the whole batch, otherwise only its own samples', () => {
  const shared = new LossHistory(2, true);
  const own = new LossHistory(2, false);
  for (const h of [shared, own]) {
    h.append([3, 1], [1, 1]);
    h.append([0, 4], [null, 1]);
  }
  assert.deepEqual([shared.samplesSeen(0, 1), shared.samplesSeen(1, 1)], [8, 8]);
  assert.deepEqual([own.samplesSeen(0, 0), own.samplesSeen(0, 1), own.samplesSeen(1, 1)], [3, 3, 5]);
});

test('losses are kept as float32, and the JSON state restores them bit for bit', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(50), fc.nat(50), fc.double({ min: 0.01, max: 20, noNaN: true }), fc.double({ min: 0.01, max: 20, noNaN: true })), { minLength: 1, maxLength: 200 }),
      fc.boolean(),
      (steps, sameStepSize) => {
        const history = new LossHistory(2, sameStepSize);
        for (const [c0, c1, l0, l1] of steps) history.append([c0 + 1, c1], [l0, c1 > 0 ? l1 : null]);
        const restored = LossHistory.fromState(2, sameStepSize, JSON.parse(JSON.stringify(history.toState())));
        assert.equal(restored.length, history.length);
        for (let k = 0; k < 2; k++) {
          assert.deepEqual(Array.from(restored.losses(k)), Array.from(history.losses(k)));
          for (let row = 0; row < history.length; row++) assert.equal(restored.samplesSeen(k, row), history.samplesSeen(k, row));
        }
      },
    ),
  );
});

test('60,000 steps × 22 domains fit in a JSON state under 16 MB', () => {
  const history = new LossHistory(22, true);
  const counts = Array.from({ length: 22 }, (_, k) => 1 + (k % 5));
  for (let step = 0; step < 60_000; step++) history.append(counts, counts.map((_, k) => 2 + 1 / (step + k + 1)));
  const bytes = JSON.stringify(history.toState()).length;
  assert.ok(bytes < 16e6, `${(bytes / 1e6).toFixed(1)} MB`);
});
