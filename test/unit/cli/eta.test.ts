import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EtaEstimate } from '../../../daemon/cli/eta';

test('the ETA is unknown until there is a pace, then follows the recent pace', () => {
  const eta = new EtaEstimate();
  assert.equal(eta.describe(100), 'ETA …');
  eta.update(0, 1);
  assert.equal(eta.remainingMs(100), undefined);
  eta.update(1_000, 2);
  assert.equal(eta.remainingMs(100), 98_000);
  assert.equal(eta.describe(100), 'ETA 1m38s');
});

test('a slow start fades out of the estimate', () => {
  const eta = new EtaEstimate();
  eta.update(0, 0);
  eta.update(60_000, 1); // a minute of warm-up for the first step
  for (let step = 2; step <= 100; step++) eta.update(60_000 + (step - 1) * 500, step);
  assert.equal(eta.remainingMs(200), 50_000);
});

test('no progress, or no time passing, gives no estimate rather than Infinity or NaN', () => {
  const still = new EtaEstimate();
  still.update(0, 5);
  still.update(1_000, 5);
  assert.equal(still.describe(10), 'ETA …');
  const instant = new EtaEstimate();
  instant.update(0, 1);
  instant.update(0, 2);
  assert.equal(instant.describe(10), 'ETA …');
  const done = new EtaEstimate();
  done.update(0, 9);
  done.update(1_000, 10);
  assert.equal(done.describe(10), 'ETA 0s');
});
