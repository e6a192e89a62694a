import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTO_SCHEDULE_MIN_POINTS, AUTO_SCHEDULE_MIN_REFITS, autoSchedule, fitPointCount, plannedRefits } from '../../../shared/ado-schedule';
import { AdoConfig } from '../../../shared/config/schema';

const paper = {
  updateInterval: AdoConfig.properties.updateInterval.default,
  ignoreSteps: AdoConfig.properties.ignoreSteps.default,
  subsample: AdoConfig.properties.subsample.default,
  startStep: AdoConfig.properties.startStep.default,
  savgolWindow: AdoConfig.properties.savgolWindow.default,
};

for (const steps of [100, 150, 300, 1000, 2000, 3000, 6000, 15000, 60000]) {
  test(`a ${steps}-step run gets ≥ ${AUTO_SCHEDULE_MIN_REFITS} refits, the first on ≥ ${AUTO_SCHEDULE_MIN_POINTS} points`, () => {
    const schedule = autoSchedule(steps, {}, paper, 3);
    const refits = plannedRefits(schedule, steps);
    assert.ok(refits.length >= AUTO_SCHEDULE_MIN_REFITS, `${refits.length} refits: ${JSON.stringify(schedule)}`);
    assert.ok(fitPointCount(schedule, refits[0]) >= AUTO_SCHEDULE_MIN_POINTS, JSON.stringify(schedule));
    assert.equal(schedule.savgolWindow % 2, 1);
    assert.ok(schedule.savgolWindow > 3 && schedule.savgolWindow <= Math.max(5, schedule.ignoreSteps / 2), JSON.stringify(schedule));
  });
}

test('long runs keep the paper\'s timings, except a first refit on 30 points instead of one', () => {
  assert.deepEqual(autoSchedule(60000, {}, paper, 3), { ...paper, startStep: 1290 });
});

test('explicit values win, and the derived ones follow them', () => {
  const schedule = autoSchedule(3000, { subsample: 1, ignoreSteps: 100 }, paper, 3);
  assert.equal(schedule.subsample, 1);
  assert.equal(schedule.ignoreSteps, 100);
  assert.equal(schedule.startStep, 129);
  assert.equal(schedule.savgolWindow, 49);
});
