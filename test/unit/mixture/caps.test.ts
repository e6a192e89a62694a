import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { projectOntoCaps } from '../../../daemon/mixture/caps';
import { capBounds, capsInfeasibility, type CapBounds } from '../../../shared/weight-caps';

/** A random distribution and feasible caps around it. */
const distributionAndCaps = fc
  .integer({ min: 2, max: 12 })
  .chain((K) =>
    fc.tuple(
      fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: K, maxLength: K }),
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: K, maxLength: K }),
    ),
  )
  .map(([raw, pairs]) => {
    const total = raw.reduce((a, b) => a + b, 0);
    const p = Float64Array.from(raw, (v) => v / total);
    const K = p.length;
    // Scale the random intervals so that Σlo ≤ 1 ≤ Σhi.
    const lo = Float64Array.from(pairs, ([a, b]) => Math.min(a, b) / K);
    const hi = Float64Array.from(pairs, ([a, b]) => Math.max(Math.max(a, b), 1.5 / K));
    return { p, bounds: { lo, hi: hi.map((h, k) => Math.max(h, lo[k])) } as CapBounds };
  });

test('the projection is feasible and sums to 1', () => {
  fc.assert(
    fc.property(distributionAndCaps, ({ p, bounds }) => {
      assert.equal(capsInfeasibility(bounds), null);
      const w = projectOntoCaps(p, bounds);
      assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 1e-9);
      w.forEach((v, k) => assert.ok(v >= bounds.lo[k] - 1e-12 && v <= bounds.hi[k] + 1e-12));
    }),
    { numRuns: 500 },
  );
});

test('the projection is idempotent', () => {
  fc.assert(
    fc.property(distributionAndCaps, ({ p, bounds }) => {
      const once = projectOntoCaps(p, bounds);
      const twice = projectOntoCaps(once, bounds);
      once.forEach((v, k) => assert.ok(Math.abs(v - twice[k]) < 1e-12));
    }),
    { numRuns: 500 },
  );
});

test('a capped domain gives its excess equally to the free ones', () => {
  const bounds = capBounds(['a', 'b', 'c'], { a: { max: 0.5 } });
  const w = projectOntoCaps([0.9, 0.08, 0.02], bounds);
  assert.deepEqual(Array.from(w, (v) => +v.toFixed(12)), [0.5, 0.28, 0.22]);
});

test('a minimum lifts a starved domain', () => {
  const w = projectOntoCaps([0.98, 0.01, 0.01], capBounds(['a', 'b', 'c'], { c: { min: 0.2 } }));
  assert.ok(Math.abs(w[2] - 0.2) < 1e-12);
  assert.ok(Math.abs(w[0] + w[1] - 0.8) < 1e-12);
});

test('infeasible caps are reported with the reason', () => {
  assert.match(capsInfeasibility(capBounds(['a', 'b'], { a: { min: 0.7 }, b: { min: 0.6 } }))!, /minimum weights sum to 1.3 > 1/);
  assert.match(capsInfeasibility(capBounds(['a', 'b'], { a: { max: 0.3 }, b: { max: 0.3 } }))!, /maximum weights sum to 0.6 < 1/);
  assert.match(capsInfeasibility(capBounds(['a'], { a: { min: 0.5, max: 0.4 } }))!, /domain 0: min 0.5 exceeds max 0.4/);
});
