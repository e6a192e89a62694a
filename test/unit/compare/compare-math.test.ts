import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanStd, summarise, winners } from '../../../daemon/compare/aggregate';
import { parseVariants, planRuns } from '../../../daemon/compare/plan';
import { resolveConfig } from '../../../shared/config';
import { compareTable } from '../../../daemon/compare/table';

test('mean and sample standard deviation', () => {
  assert.deepEqual(meanStd([2, 4, 4, 4, 5, 5, 7, 9]), { mean: 5, std: Math.sqrt(32 / 7), n: 8 });
  assert.deepEqual(meanStd([3]), { mean: 3, std: 0, n: 1 });
});

test('winners take the lowest mean of each metric', () => {
  const runs = [
    { variant: 'ado', seed: 1, losses: [1.0, 2.0], uniform: 1.5, tokenWeighted: 1.4 },
    { variant: 'ado', seed: 2, losses: [1.2, 2.2], uniform: 1.7, tokenWeighted: 1.6 },
    { variant: 'natural', seed: 1, losses: [1.3, 1.9], uniform: 1.6, tokenWeighted: 1.3 },
    { variant: 'natural', seed: 2, losses: [1.3, 1.9], uniform: 1.6, tokenWeighted: 1.3 },
  ];
  const s = summarise(runs, ['ado', 'natural']);
  assert.ok(Math.abs(s[0].uniform.mean - 1.6) < 1e-12);
  assert.deepEqual(winners(s), { uniform: 'ado', tokenWeighted: 'natural', perDomain: ['ado', 'natural'] });
  const table = compareTable(s, winners(s), ['a', 'b']);
  assert.match(table, /ado\s+1\.6000 ± 0\.1414 \*/);
  assert.match(table, /over 2 seeds/);
});

test('policy variants parse, with clear errors', () => {
  assert.deepEqual(parseVariants('ado, ado@balanced ,fixed:w.json').map((v) => [v.label, v.policy, v.prior, v.fixedFile]), [
    ['ado', 'ado', undefined, undefined],
    ['ado@balanced', 'ado', 'balanced', undefined],
    ['fixed:w.json', 'fixed', undefined, 'w.json'],
  ]);
  assert.throws(() => parseVariants('ado,doremi'), /unknown policy "doremi"/);
  assert.throws(() => parseVariants('ado,ado'), /lists "ado" twice/);
  assert.throws(() => parseVariants('fixed:'), /needs a fixed-weights file/);
  assert.throws(() => parseVariants('natural:x.json'), /only ado takes a settings file/);
  assert.throws(() => parseVariants('ado@balanced:'), /needs a file of ADO settings after the colon/);
});

test('ado:<file> replaces only the settings the file names, nested bounds key by key, and names runs by the file', () => {
  const [paper, variant] = parseVariants('ado,ado@balanced:settings/own-steps.json');
  assert.deepEqual([variant.policy, variant.prior, variant.adoSettingsFile], ['ado', 'balanced', 'settings/own-steps.json']);
  const base = resolveConfig({ version: 1, name: 'cmp', seed: 7, data: { domains: [{ name: 'a', path: 'a.txt' }] }, mixture: { ado: { s: 0.25, bounds: { maxAlpha: 0.6 } } } });
  const runs = planRuns(base, [paper, { ...variant, adoSettings: { sameStepSize: false, bounds: { minLogEps: -1 } } }], 1);
  assert.deepEqual(runs.map((run) => run.config.name), ['cmp-ado-s7', 'cmp-ado_balanced-own-steps-s7']);
  const [paperAdo, variantAdo] = runs.map((run) => run.config.mixture.ado);
  assert.deepEqual([paperAdo.sameStepSize, variantAdo.sameStepSize], [true, false]);
  assert.deepEqual([variantAdo.s, variantAdo.bounds.maxAlpha, variantAdo.bounds.minLogEps, variantAdo.bounds.maxLogBeta], [0.25, 0.6, -1, paperAdo.bounds.maxLogBeta]);
  assert.equal(runs[1].config.mixture.prior, 'balanced');
});

test('an ado:<file> variant is resolved from what the config wrote: the auto schedule and the final objective follow it', () => {
  const written = { updateInterval: 250, bounds: { minLogEps: -1 } };
  const base = resolveConfig({ version: 1, name: 'cmp', data: { domains: [{ name: 'a', path: 'a.txt' }] }, training: { steps: 3000 }, mixture: { ado: written } });
  const [auto, final] = parseVariants('ado:auto.json,ado:final.json');
  const runs = planRuns(base, [{ ...auto, adoSettings: { schedule: 'auto' } }, { ...final, adoSettings: { objective: 'final' } }], 1, written);
  const [autoAdo, finalAdo] = runs.map((run) => run.config.mixture.ado);
  assert.deepEqual([autoAdo.updateInterval, autoAdo.ignoreSteps, autoAdo.startStep, autoAdo.subsample], [250, 300, 532, 8]);
  assert.equal(autoAdo.bounds.minLogEps, -1);
  assert.deepEqual([finalAdo.sameStepSize, finalAdo.ignoreSteps], [false, base.mixture.ado.ignoreSteps]);
});

test('run names keep their seed however long the variant', () => {
  const base = resolveConfig({ version: 1, name: 'a-rather-long-comparison-name-of-fifty-characters', seed: 1, data: { domains: [{ name: 'a', path: 'a.txt' }] } });
  const names = planRuns(base, parseVariants('fixed:/some/where/final-weights-of-an-earlier-run.json'), 2).map((run) => run.config.name);
  assert.deepEqual(names.map((name) => name.length <= 64 && name.slice(-3)), ['-s1', '-s2']);
});
