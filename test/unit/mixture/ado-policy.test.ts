import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { resolveConfig, type ResolvedRunConfig } from '../../../shared/config';
import { AdoPolicy } from '../../../daemon/mixture/ado';
import { createPolicy } from '../../../daemon/mixture/create-policy';
import { Random } from '../../../daemon/util/random';

function adoSettings(ado: Record<string, unknown>, domains = ['a', 'b', 'c']): ResolvedRunConfig['mixture'] {
  return resolveConfig({ version: 1, name: 't', data: { domains: domains.map((name) => ({ name, path: name })) }, mixture: { ado } }).mixture;
}

const close = (actual: ArrayLike<number>, expected: number[], tolerance: number) =>
  expected.forEach((e, k) => assert.ok(Math.abs(actual[k] - e) <= tolerance, `[${k}]: ${actual[k]} vs ${e}`));

test('one policy step matches the reference curr_dist test vector', () => {
  const mixture = adoSettings({ updateInterval: 3000 });
  const policy = new AdoPolicy(['a', 'b', 'c'], Float64Array.from([0.5, 0.3, 0.2]), mixture.ado, 1024);
  const h = [0.45, 0.35, 0.2];
  policy.restore({
    policy: 'ado',
    version: 1,
    domains: ['a', 'b', 'c'],
    // Steps 0..1999 hold 2001·256 − 20 samples, so that n = 2001·256 after the 20-sample step below.
    history: { losses: [0, 1, 2].map(() => new Array(2000).fill(3)), samples: [492, ...new Array(1999).fill(256)] },
    credit: h,
    average: [0.5, 0.3, 0.2],
    next: [0.5, 0.3, 0.2],
    laws: [
      { logBeta: 2, logEps: 0.6, alpha: 0.3 },
      { logBeta: 3, logEps: 0.9, alpha: 0.25 },
      { logBeta: 1, logEps: 0.55, alpha: 0.02 },
    ],
    lastStep: 1999,
  });
  // Counts in the proportions of h keep the credit EMA at h, as in the vector's inputs.
  const step = policy.observe({ step: 2000, counts: [9, 7, 4], losses: [3, 3, 3] });
  close(step.preference!, [0.2524070605, 0.5838053941, 0.1637875453], 1e-9);
  close(step.weights, [0.4752407061, 0.3283805394, 0.1963787545], 1e-9);
  close((policy.state().average as number[]), [0.4998762654, 0.3001418318, 0.1999819028], 1e-9);
});

/** Losses per domain: learnable ones fall as a power law of the samples seen; 'flat' never learns. */
function simulate(policy: ReturnType<typeof createPolicy>, steps: number, seed = 7) {
  const random = new Random(seed);
  const seen = [0, 0, 0];
  const history: Float64Array[] = [];
  let weights = policy.current();
  for (let step = 0; step < steps; step++) {
    const counts = [0, 0, 0];
    for (let i = 0; i < 32; i++) counts[random.categorical(weights)]++;
    counts.forEach((c, k) => (seen[k] += c));
    const losses = counts.map((c, k) => {
      if (c === 0) return null;
      const n = 1 + (step + 1) * 32;
      const curve = k === 2 ? 4 : 1.5 + (k === 0 ? 6 : 3) * Math.pow(n, -0.3);
      return curve + 0.01 * random.normal();
    });
    weights = policy.observe({ step, counts, losses }).weights;
    history.push(weights);
  }
  return history;
}

test('an unlearnable (flat-loss) domain ends up near the floor; weights stay a distribution', () => {
  const mixture = adoSettings({ startStep: 100, ignoreSteps: 50, updateInterval: 50, savgolWindow: 21, subsample: 2, fit: { starts: 'fast' }, bounds: { minLogEps: -2 } });
  const policy = createPolicy({ domains: ['a', 'b', 'flat'], prior: [1 / 3, 1 / 3, 1 / 3], mixture, tokensPerSample: 1024 });
  const history = simulate(policy, 1500);
  for (const w of history) {
    assert.ok(Math.abs(w.reduce((s, v) => s + v, 0) - 1) < 1e-9);
    assert.ok(w.every((v) => v >= 0));
  }
  const last = history[history.length - 1];
  assert.ok(last[2] < 0.1, `flat domain weight ${last[2]}`);
  assert.ok(last[0] > last[2] && last[1] > last[2]);
});

test('the final-loss objective gives a flat domain its floor and plans the rest between the learnable ones', () => {
  const mixture = adoSettings({ objective: 'final', startStep: 100, ignoreSteps: 50, updateInterval: 50, savgolWindow: 21, subsample: 2, fit: { starts: 'fast' }, bounds: { minLogEps: -2 } });
  const policy = createPolicy({ domains: ['a', 'b', 'flat'], prior: [1 / 3, 1 / 3, 1 / 3], mixture, tokensPerSample: 1024, totalSteps: 1500 });
  const random = new Random(5);
  let preference: Float64Array | undefined;
  for (let step = 0; step < 600; step++) {
    const counts = [11, 11, 10];
    const losses = counts.map((c, k) => (k === 2 ? 4 : 1.5 + (k === 0 ? 6 : 3) * Math.pow(1 + (step + 1) * c, -0.3)) + 0.001 * random.normal());
    preference = policy.observe({ step, counts, losses }).preference ?? preference;
  }
  assert.ok(preference, 'ADO planned after its first fit');
  assert.ok(preference[2] < 0.011, `flat domain ${preference[2]}`);
  assert.ok(preference[0] > preference[1], `the domain with more to learn gets more: ${Array.from(preference)}`);
  assert.throws(() => createPolicy({ domains: ['a', 'b'], prior: [0.5, 0.5], mixture: adoSettings({ objective: 'final' }, ['a', 'b']), tokensPerSample: 1024 }), /needs the run's length/);
});

test('state round trip: restore then continue equals never stopping', () => {
  const mixture = adoSettings({ startStep: 40, ignoreSteps: 20, updateInterval: 20, savgolWindow: 11, subsample: 1, fit: { starts: 'fast' } });
  const spec = { domains: ['a', 'b', 'flat'], prior: [0.5, 0.3, 0.2], mixture, tokensPerSample: 128 };
  const uninterrupted = createPolicy(spec);
  const first = createPolicy(spec);
  const random = new Random(3);
  const feedback = Array.from({ length: 120 }, (_, step) => ({
    step,
    counts: [5, 3, 2],
    losses: [3 + 1 / (step + 1) + 0.01 * random.normal(), 2.5 + 0.01 * random.normal(), 4 + 0.01 * random.normal()],
  }));
  feedback.slice(0, 70).forEach((f) => first.observe(f));
  const resumed = createPolicy(spec);
  resumed.restore(JSON.parse(JSON.stringify(first.state())));
  feedback.slice(0, 70).forEach((f) => uninterrupted.observe(f));
  for (const f of feedback.slice(70)) assert.deepEqual(Array.from(resumed.observe(f).weights), Array.from(uninterrupted.observe(f).weights));
});

test('the prior is used until the first fit, and a refit is reported on schedule', () => {
  const mixture = adoSettings({ startStep: 30, ignoreSteps: 0, updateInterval: 25, savgolWindow: 11, subsample: 1, fit: { starts: 'fast' } });
  const policy = createPolicy({ domains: ['a', 'b', 'c'], prior: [0.6, 0.3, 0.1], mixture, tokensPerSample: 1024 });
  const refits: number[] = [];
  for (let step = 0; step < 80; step++) {
    const result = policy.observe({ step, counts: [6, 3, 1], losses: [2 + 1 / (step + 1), 3, 2.5 + 2 / (step + 1)] });
    if (result.refit) refits.push(result.refit.step);
    if (step < 50) close(result.weights, [0.6, 0.3, 0.1], 1e-15);
  }
  assert.deepEqual(refits, [50, 75]);
});

test('baselines: natural is the prior, balanced is uniform, fixed is the given weights', () => {
  const mixture = adoSettings({});
  const spec = { domains: ['a', 'b'], prior: [3, 1], tokensPerSample: 1024 };
  assert.deepEqual(Array.from(createPolicy({ ...spec, mixture: { ...mixture, policy: 'natural' } }).current()), [0.75, 0.25]);
  assert.deepEqual(Array.from(createPolicy({ ...spec, mixture: { ...mixture, policy: 'balanced' } }).current()), [0.5, 0.5]);
  const fixed = createPolicy({ ...spec, mixture: { ...mixture, policy: 'fixed', fixed: { weights: { a: 1, b: 4 } } } });
  assert.deepEqual(Array.from(fixed.observe({ step: 0, counts: [1, 1], losses: [1, 1] }).weights), [0.2, 0.8]);
});

test('ODM starts uniform, favours the domains with higher loss and keeps exploring', () => {
  const domains = ['easy', 'medium', 'hard', 'hardest'];
  const odm = createPolicy({ domains, prior: [0.7, 0.1, 0.1, 0.1], mixture: { ...adoSettings({}, domains), policy: 'odm' }, tokensPerSample: 1024 });
  close(odm.current(), [0.25, 0.25, 0.25, 0.25], 1e-15);
  let w = odm.current();
  for (let step = 0; step < 300; step++) w = odm.observe({ step, counts: [4, 4, 4, 4], losses: [1, 2, 3, 4] }).weights;
  assert.ok(w[0] < w[1] && w[1] < w[2] && w[2] < w[3], `weights ${Array.from(w)}`);
  // The exploration floor ε_t at the next batch, t = 301.
  const eps = Math.min(1 / 4, Math.sqrt(Math.log(4) / (4 * 301)));
  assert.ok(w[0] >= eps - 1e-12);
});

test('whatever the feedback, every returned distribution is a probability vector', () => {
  const feedback = fc.integer({ min: 2, max: 5 }).chain((K) =>
    fc.record({
      K: fc.constant(K),
      sameStepSize: fc.boolean(),
      steps: fc.array(
        fc.tuple(fc.array(fc.nat(20), { minLength: K, maxLength: K }), fc.array(fc.double({ min: 0.05, max: 12, noNaN: true }), { minLength: K, maxLength: K })),
        { minLength: 40, maxLength: 120 },
      ),
    }),
  );
  fc.assert(
    fc.property(feedback, ({ K, sameStepSize, steps }) => {
      const domains = Array.from({ length: K }, (_, k) => `d${k}`);
      const mixture = adoSettings({ startStep: 20, ignoreSteps: 10, updateInterval: 20, savgolWindow: 11, subsample: 2, sameStepSize }, domains);
      const policy = createPolicy({ domains, prior: domains.map((_, k) => k + 1), mixture, tokensPerSample: 512 });
      steps.forEach(([counts, losses], step) => {
        const present = counts.map((c, k) => (k === 0 ? c + 1 : c));
        const { weights } = policy.observe({ step, counts: present, losses: present.map((c, k) => (c > 0 ? losses[k] : null)) });
        assert.ok(weights.every((w) => w >= 0 && Number.isFinite(w)));
        assert.ok(Math.abs(weights.reduce((a, b) => a + b, 0) - 1) < 1e-9, `Σ = ${weights.reduce((a, b) => a + b, 0)}`);
      });
    }),
    { numRuns: 25 },
  );
});

test('aggregated observations: a refit is due when an observation passes a refit step', () => {
  const mixture = adoSettings({ startStep: 0, ignoreSteps: 0, updateInterval: 25, savgolWindow: 5, subsample: 1 });
  const policy = createPolicy({ domains: ['a', 'b', 'c'], prior: [0.4, 0.3, 0.3], mixture, tokensPerSample: 1024 });
  const refits: number[] = [];
  // One observation per 4 trainer steps: steps 3, 7, 11, …
  for (let step = 3; step < 120; step += 4) {
    const result = policy.observe({ step, counts: [12, 8, 4], losses: [2 + 10 / (step + 1), 3, 2.5 + 5 / (step + 1)] });
    if (result.refit) refits.push(result.refit.step);
  }
  // Steps 25, 50, 75, 100 are passed at observations 27, 51, 75, 103.
  assert.deepEqual(refits, [27, 51, 75, 103]);
});

test('observe() refuses feedback it cannot use, and restore() a state written for other domains', () => {
  const policy = createPolicy({ domains: ['a', 'b', 'c'], prior: [1, 1, 1], mixture: adoSettings({}), tokensPerSample: 1024 });
  assert.throws(() => policy.observe({ step: 0, counts: [1, 1], losses: [1, 1] }), /"counts" has 2 entries/);
  policy.observe({ step: 0, counts: [1, 1, 1], losses: [1, 1, 1] });
  assert.throws(() => policy.observe({ step: 0, counts: [1, 1, 1], losses: [1, 1, 1] }), /steps must increase/);
  const other = createPolicy({ domains: ['a', 'b', 'x'], prior: [1, 1, 1], mixture: adoSettings({}, ['a', 'b', 'x']), tokensPerSample: 1024 });
  assert.throws(() => other.restore(policy.state()), /saved for domains \["a","b","c"\]/);
});

test('without sameStepSize, ADO waits for every domain to be sampled before its first law', () => {
  const mixture = adoSettings({ startStep: 10, ignoreSteps: 5, updateInterval: 10, savgolWindow: 5, subsample: 1, sameStepSize: false });
  const policy = createPolicy({ domains: ['a', 'b', 'late'], prior: [0.5, 0.4, 0.1], mixture, tokensPerSample: 1024 });
  const refits: number[] = [];
  for (let step = 0; step < 40; step++) {
    // "late" first appears at step 22, after the rows that steps 10 and 20 would have fitted.
    const counts = [6, 4, step >= 22 ? 1 : 0];
    const result = policy.observe({ step, counts, losses: [2 + 1 / (step + 1), 3 + 1 / (step + 1), step >= 22 ? 4 - step / 100 : null] });
    if (result.refit) {
      refits.push(result.refit.step);
      // Its own samples: a, b and late got 6, 4 and 1 per step; n is in 1024-token samples of 1,024 tokens.
      assert.deepEqual(result.refit.ownN, [6 * (step + 1), 4 * (step + 1), step - 21]);
    }
    if (step < 30) assert.deepEqual(Array.from(result.weights), [0.5, 0.4, 0.1]);
    else assert.ok(result.preference && result.weights.every(Number.isFinite), `step ${step}`);
  }
  assert.deepEqual(refits, [30]);
});
