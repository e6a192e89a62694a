import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CappedPolicy } from '../../../daemon/mixture/capped-policy';
import type { MixturePolicy, PolicyState } from '../../../daemon/mixture/policy';
import { capBounds } from '../../../shared/weight-caps';

/** A policy that always wants the same distribution and counts its observations. */
function constantPolicy(weights: number[]): MixturePolicy & { observed: number } {
  return {
    name: 'constant',
    domains: ['a', 'b', 'c'],
    observed: 0,
    current: () => Float64Array.from(weights),
    observe() {
      this.observed++;
      return { weights: Float64Array.from(weights) };
    },
    state(): PolicyState {
      return { policy: 'constant', version: 1, observed: this.observed };
    },
    restore(s: PolicyState) {
      this.observed = s.observed as number;
    },
  };
}

const feedback = { step: 0, counts: [1, 1, 1], losses: [1, 1, 1] };

test('caps change what is sampled and the policy weights are reported beside them', () => {
  const capped = new CappedPolicy(constantPolicy([0.8, 0.1, 0.1]), capBounds(['a', 'b', 'c'], { a: { max: 0.5 } }), {
    maxEpochs: [Infinity, Infinity, Infinity],
    onExhausted: 'warn',
  });
  const step = capped.observe(feedback);
  assert.deepEqual(Array.from(step.weights, (w) => +w.toFixed(12)), [0.5, 0.25, 0.25]);
  assert.deepEqual(Array.from(step.policyWeights!), [0.8, 0.1, 0.1]);
});

test('without binding caps nothing extra is reported', () => {
  const capped = new CappedPolicy(constantPolicy([0.4, 0.3, 0.3]), capBounds(['a', 'b', 'c'], {}), { maxEpochs: [Infinity, Infinity, Infinity], onExhausted: 'cap' });
  assert.equal(capped.observe(feedback).policyWeights, undefined);
});

test('"warn" reports a crossing once and keeps sampling the domain', () => {
  const capped = new CappedPolicy(constantPolicy([0.4, 0.3, 0.3]), capBounds(['a', 'b', 'c'], {}), { maxEpochs: [2, 2, 2], onExhausted: 'warn' });
  assert.deepEqual(capped.trackEpochs([2.5, 1, 1]), [{ domain: 0, epochs: 2.5, capped: false }]);
  assert.deepEqual(capped.trackEpochs([2.6, 1, 1]), []);
  assert.equal(capped.observe(feedback).weights[0], 0.4);
});

test('"cap" stops sampling an exhausted domain and redistributes to the others', () => {
  const capped = new CappedPolicy(constantPolicy([0.4, 0.3, 0.3]), capBounds(['a', 'b', 'c'], {}), { maxEpochs: [2, 2, 2], onExhausted: 'cap' });
  assert.deepEqual(capped.trackEpochs([3, 1, 1]), [{ domain: 0, epochs: 3, capped: true }]);
  const step = capped.observe(feedback);
  assert.deepEqual(Array.from(step.weights, (w) => +w.toFixed(12)), [0, 0.5, 0.5]);
  assert.deepEqual(Array.from(step.policyWeights!), [0.4, 0.3, 0.3]);
});

test('the last domain is never capped to zero', () => {
  const capped = new CappedPolicy(constantPolicy([0.4, 0.3, 0.3]), capBounds(['a', 'b', 'c'], {}), { maxEpochs: [1, 1, 1], onExhausted: 'cap' });
  capped.trackEpochs([2, 2, 0]);
  const [last] = capped.trackEpochs([2, 2, 2]);
  assert.equal(last.capped, false);
  assert.match(last.refused!, /maximum weights sum to 0 < 1/);
  assert.deepEqual(Array.from(capped.observe(feedback).weights, (w) => +w.toFixed(12)), [0, 0, 1]);
});

test('state round trip keeps the inner state and the exhausted domains', () => {
  const inner = constantPolicy([0.4, 0.3, 0.3]);
  const capped = new CappedPolicy(inner, capBounds(['a', 'b', 'c'], {}), { maxEpochs: [2, 2, 2], onExhausted: 'cap' });
  capped.observe(feedback);
  capped.trackEpochs([3, 0, 0]);
  const saved = JSON.parse(JSON.stringify(capped.state()));
  const fresh = new CappedPolicy(constantPolicy([0.4, 0.3, 0.3]), capBounds(['a', 'b', 'c'], {}), { maxEpochs: [2, 2, 2], onExhausted: 'cap' });
  fresh.restore(saved);
  assert.deepEqual(fresh.state(), capped.state());
  assert.equal(fresh.current()[0], 0);
});
