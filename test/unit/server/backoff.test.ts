import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff } from '../../../shared/client/backoff';

test('backoff delays grow to the cap, stay jittered, and reset', () => {
  const high = new Backoff({ initialDelayMs: 100, maxDelayMs: 1000, random: () => 1 });
  assert.deepEqual(Array.from({ length: 6 }, () => high.next()), [100, 200, 400, 800, 1000, 1000]);
  high.reset();
  assert.equal(high.next(), 100);
  const low = new Backoff({ initialDelayMs: 100, maxDelayMs: 1000, random: () => 0 });
  assert.deepEqual(Array.from({ length: 3 }, () => low.next()), [50, 50, 50], 'never below half the initial delay');
});
