import { test } from 'node:test';
import assert from 'node:assert/strict';
import { feedbackProblem } from '../../../daemon/mixture/feedback';

const ok = { step: 5, counts: [2, 0], losses: [3.1, null] };

test('accepts a well-formed step', () => {
  assert.equal(feedbackProblem(ok, 2, 4), undefined);
});

test('names the first problem of a step it cannot observe', () => {
  const cases: [object, RegExp][] = [
    [{ step: 5.5 }, /"step" must be an integer ≥ 0/],
    [{ step: 4 }, /steps must increase: step 4 comes after step 4/],
    [{ counts: [2] }, /"counts" has 1 entries; expected one per domain \(2\)/],
    [{ losses: [3.1] }, /"losses" has 1 entries/],
    [{ counts: [2.5, 0] }, /counts\[0\] must be an integer ≥ 0, got 2.5/],
    [{ counts: [-1, 0] }, /counts\[0\] must be an integer ≥ 0, got -1/],
    [{ losses: [null, null] }, /losses\[0\] is null but counts\[0\] is 2/],
    [{ losses: [3.1, 2] }, /losses\[1\] is 2 but counts\[1\] is 0/],
    [{ losses: [Infinity, null] }, /losses\[0\] must be a positive finite number/],
    [{ losses: [0, null] }, /losses\[0\] must be a positive finite number/],
    [{ counts: [0, 0], losses: [null, null] }, /the batch is empty/],
  ];
  for (const [change, message] of cases) assert.match(feedbackProblem({ ...ok, ...change }, 2, 4) ?? '', message, JSON.stringify(change));
});
