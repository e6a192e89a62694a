/**
 * Design decision (design.md, "Fit speed"): the default fit strategy may prune starts only if it
 * reaches the full 512-start grid's objective within 1e-5 on recorded traces. This is that check:
 * realistic per-domain histories of a simulated run (noise shrinking with each domain's share of
 * the batch, imputed losses for a rare domain, an ε below the soft floor, an unlearnable domain,
 * learning-rate decay the law cannot express), smoothed and sliced exactly as a refit does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScalingLawFitter, type FitSettings } from '../../../daemon/mixture/fit';
import { domainFitData, fitRows } from '../../../daemon/mixture/fit-data';
import { LossHistory } from '../../../daemon/mixture/history';
import { SavitzkyGolay } from '../../../daemon/mixture/savgol';
import { simulateRun, type SyntheticDomain } from '../../../daemon/replay/synthetic-run';

const PAPER: Omit<FitSettings, 'starts'> = { huberDelta: 1e-3, minLogEps: 0.5, maxLogBeta: 6.5, maxAlpha: 0.8, maxIterations: 200, tolerance: 1e-5 };

const domains: SyntheticDomain[] = [
  { name: 'web', law: { logBeta: 2.2, logEps: 0.9, alpha: 0.25 }, noise: 0.3 },
  { name: 'code, ε below the floor', law: { logBeta: 2.8, logEps: 0.3, alpha: 0.3 }, noise: 0.4 },
  { name: 'unlearnable', law: { logBeta: -30, logEps: 1.3, alpha: 0 }, noise: 0.3 },
  { name: 'rare, mostly imputed', law: { logBeta: 1.8, logEps: 1.0, alpha: 0.2 }, noise: 0.5 },
];
const prior = [0.55, 0.25, 0.18, 0.02];

test('"fast" reaches the full grid\'s objective within 1e-5 on recorded traces (30 points per fit)', () => {
  const history = new LossHistory(domains.length, true);
  for (const step of simulateRun({ domains, steps: 1300, batchSize: 64, tokensPerSample: 1024, annealDrop: 0.08, seed: 1 }, () => prior)) {
    history.append(step.counts, step.losses);
  }
  // The paper's smoothing window and subsampling; the fit at step 1299 sees steps 1000, 1010, …, 1290.
  const rows = fitRows(history.length, 1000, 10);
  assert.equal(rows.length, 30);
  const full = new ScalingLawFitter({ ...PAPER, starts: 'full' });
  const fast = new ScalingLawFitter({ ...PAPER, starts: 'fast' });
  domains.forEach((domain, k) => {
    const points = domainFitData(history, k, rows, new SavitzkyGolay(101, 3), 1024);
    const reference = full.fit(points).objective;
    const shortcut = fast.fit(points).objective;
    assert.ok(shortcut <= reference + 1e-5, `${domain.name}: fast ${shortcut} vs full ${reference}`);
  });
});
