import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfig, type ConfigDiagnostic } from '../../../shared/config';

/** A valid config with two domains; each test changes one thing. */
function config(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    version: 1,
    name: 'test-run',
    data: { tokenizer: 'gpt2', domains: [{ name: 'books', path: 'books.txt' }, { name: 'code', path: 'code.txt' }] },
    training: { steps: 3000 },
    mixture: { ado: { startStep: 300, ignoreSteps: 300, updateInterval: 200, savgolWindow: 51, subsample: 2 } },
    ...overrides,
  };
}

function diagnosticsOf(value: unknown): ConfigDiagnostic[] {
  return validateConfig(JSON.stringify(value, null, 2)).diagnostics;
}

function only(diags: ConfigDiagnostic[], code: string): ConfigDiagnostic {
  const found = diags.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one "${code}" diagnostic, got: ${JSON.stringify(diags, null, 1)}`);
  return found[0];
}

describe('validateConfig', () => {
  test('a valid config has no diagnostics and comes back with defaults filled', () => {
    const result = validateConfig(JSON.stringify(config()));
    assert.deepEqual(result.diagnostics, []);
    assert.equal(result.config?.mixture.policy, 'ado');
    assert.equal(result.config?.mixture.ado.gamma1, 0.1);
    assert.equal(result.config?.training.batchSize, 16);
  });

  test('syntax errors point at the offending character and comments are allowed', () => {
    const text = '{\n  // comment\n  "version": 1,\n  "name": "x" "data": {}\n}';
    const [d] = validateConfig(text).diagnostics;
    assert.equal(d.code, 'syntax');
    assert.match(d.message, /expected ","/);
    assert.deepEqual(d.range.start, { line: 3, character: 14 });
  });

  test('an unknown key is reported on the key itself with a suggestion', () => {
    const text = '{\n "version": 1, "name": "x",\n "data": {"domains": [{"name": "a", "path": "a"}], "tokenizr": "byte"}\n}';
    const d = only(validateConfig(text).diagnostics, 'unknown-key');
    assert.equal(d.path, 'data.tokenizr');
    assert.equal(d.suggestion, 'tokenizer');
    assert.deepEqual(d.range, { start: { line: 2, character: 51 }, end: { line: 2, character: 61 } });
  });

  test('type and range errors name the JSON path', () => {
    const d = diagnosticsOf(config({ training: { steps: 10.5 } }));
    assert.equal(d[0].path, 'training.steps');
    assert.match(d[0].message, /expected an integer/);
    const neg = diagnosticsOf(config({ training: { learningRate: -1 } }));
    assert.match(neg[0].message, /must be > 0, got -1/);
  });

  test('an unknown enum value lists the allowed ones and suggests the closest', () => {
    const d = diagnosticsOf(config({ mixture: { policy: 'adoo' } }))[0];
    assert.match(d.message, /expected one of "ado", "natural", "balanced", "fixed", "odm", got "adoo"; did you mean "ado"\?/);
  });

  test('a missing required key is reported', () => {
    const { data: _omitted, ...rest } = config();
    const d = only(diagnosticsOf(rest), 'missing-key');
    assert.equal(d.path, 'data');
  });

  test('a config from a newer version is refused with a clear message', () => {
    const d = only(diagnosticsOf(config({ version: 2 })), 'unsupported-version');
    assert.match(d.message, /format version 2.*reads version 1.*upgrade/);
  });

  test('duplicate domain names are an error at the second occurrence', () => {
    const d = only(diagnosticsOf(config({ data: { domains: [{ name: 'a', path: 'x' }, { name: 'a', path: 'y' }] } })), 'duplicate-domain');
    assert.equal(d.path, 'data.domains[1].name');
  });

  test('prior keys must name known domains, with a suggestion for typos', () => {
    const d = diagnosticsOf(config({ mixture: { ...config().mixture, prior: { books: 0.5, cod: 0.5 } } }));
    const unknown = d.find((x) => x.code === 'unknown-domain' && x.path === 'mixture.prior.cod');
    assert.ok(unknown, JSON.stringify(d));
    assert.equal(unknown.suggestion, 'code');
  });

  test('prior weights must be positive, and a prior that does not sum to 1 is noted', () => {
    const d = diagnosticsOf(config({ mixture: { ...config().mixture, prior: { books: 0, code: 3 } } }));
    assert.equal(only(d, 'prior-not-positive').path, 'mixture.prior.books');
    assert.equal(only(d, 'prior-not-normalised').severity, 'info');
  });

  test('K × deltaMin must not exceed 1', () => {
    const d = only(diagnosticsOf(config({ mixture: { ado: { ...config().mixture.ado, deltaMin: 0.6 } } })), 'delta-min-too-large');
    assert.match(d.message, /K × deltaMin = 2 × 0.6 = 1.2 exceeds 1; use deltaMin ≤ 0.5/);
  });

  test('the savgol window must be odd and longer than the order', () => {
    const even = diagnosticsOf(config({ mixture: { ado: { ...config().mixture.ado, savgolWindow: 50 } } }));
    assert.ok(even.some((x) => x.code === 'savgol' && /odd/.test(x.message)));
    const short = diagnosticsOf(config({ mixture: { ado: { ...config().mixture.ado, savgolWindow: 3, savgolOrder: 3 } } }));
    assert.ok(short.some((x) => x.code === 'savgol' && /greater than savgolOrder/.test(x.message)));
  });

  test('startStep, ignoreSteps and updateInterval must fit inside the run', () => {
    const d = diagnosticsOf(config({ training: { steps: 250 } }));
    assert.ok(d.some((x) => x.code === 'schedule' && x.path === 'mixture.ado.startStep'));
    assert.ok(d.some((x) => x.code === 'schedule' && x.path === 'mixture.ado.ignoreSteps'));
  });

  test('warns when the first refit has fewer than 10 points, naming the paper', () => {
    const paper = config({ training: { steps: 60000 }, mixture: {} });
    const d = only(diagnosticsOf(paper), 'few-fit-points');
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /first refit \(step 1000\) fits each scaling law on 1 point.*paper's own config/);
  });

  test('warns when ADO would refit fewer than 3 times, and points to the auto schedule', () => {
    const d = only(diagnosticsOf(config({ training: { steps: 2000 }, mixture: {} })), 'few-refits');
    assert.match(d.message, /refits only 1 time in 2000 steps.*"schedule": "auto"/);
    assert.deepEqual(diagnosticsOf(config({ training: { steps: 2000 }, mixture: { ado: { schedule: 'auto' } } })), []);
  });

  test('the auto schedule fills only the fields not given', () => {
    const resolved = validateConfig(JSON.stringify(config({ training: { steps: 3000 }, mixture: { ado: { schedule: 'auto', updateInterval: 250 } } }))).config!;
    const { updateInterval, ignoreSteps, subsample, startStep, savgolWindow } = resolved.mixture.ado;
    assert.deepEqual({ updateInterval, ignoreSteps, subsample, startStep, savgolWindow }, { updateInterval: 250, ignoreSteps: 300, subsample: 8, startStep: 532, savgolWindow: 101 });
  });

  test('the final-loss objective counts each domain\'s own samples, and refuses the shared count', () => {
    const final = validateConfig(JSON.stringify(config({ mixture: { ...config().mixture, ado: { ...config().mixture.ado, objective: 'final' } } })));
    assert.deepEqual(final.diagnostics, []);
    assert.equal(final.config?.mixture.ado.sameStepSize, false);
    const shared = only(diagnosticsOf(config({ mixture: { ado: { ...config().mixture.ado, objective: 'final', sameStepSize: true } } })), 'objective');
    assert.equal(shared.path, 'mixture.ado.sameStepSize');
    assert.equal(validateConfig(JSON.stringify(config())).config?.mixture.ado.sameStepSize, true);
  });

  test('target weights must name known domains', () => {
    const d = diagnosticsOf(config({ mixture: { ado: { ...config().mixture.ado, objective: 'final', targetWeights: { books: 1, cod: 1 } } } }));
    assert.equal(only(d, 'unknown-domain').path, 'mixture.ado.targetWeights.cod');
  });

  test('warns about the paper ε floor with byte tokens', () => {
    const d = only(diagnosticsOf(config({ data: { ...config().data, tokenizer: 'byte' } })), 'byte-eps-floor');
    assert.equal(d.path, 'mixture.ado.bounds.minLogEps');
  });

  test('heads must divide dModel', () => {
    assert.equal(only(diagnosticsOf(config({ model: { dModel: 100, heads: 3 } })), 'model-shape').path, 'model.heads');
  });

  test('data needs exactly one of domains and source', () => {
    const both = config({ data: { domains: [{ name: 'a', path: 'a' }], source: { jsonl: 'p.jsonl' } } });
    assert.match(only(diagnosticsOf(both), 'data-source').message, /not both/);
    assert.match(only(diagnosticsOf(config({ data: {} })), 'data-source').message, /no data/);
  });

  test('the fixed policy needs weights or a file', () => {
    const d = only(diagnosticsOf(config({ mixture: { policy: 'fixed' } })), 'fixed-weights');
    assert.match(d.message, /exactly one of "weights" or "file"/);
  });
});

describe('validateConfig: caps and epochs', () => {
  test('caps must be feasible', () => {
    const d = only(diagnosticsOf(config({ mixture: { ...config().mixture, caps: { books: { min: 0.7 }, code: { min: 0.6 } } } })), 'caps-infeasible');
    assert.match(d.message, /minimum weights sum to 1.3 > 1.*Σmin ≤ 1 ≤ Σmax/);
    const e = only(diagnosticsOf(config({ mixture: { ...config().mixture, caps: { books: { max: 0.2 }, code: { max: 0.3 } } } })), 'caps-infeasible');
    assert.match(e.message, /maximum weights sum to 0.5 < 1/);
  });

  test('caps and maxEpochs must name known domains', () => {
    const d = diagnosticsOf(config({ mixture: { ...config().mixture, caps: { book: { max: 0.9 } }, maxEpochs: { cde: 3 } } }));
    assert.deepEqual(d.filter((x) => x.code === 'unknown-domain').map((x) => [x.path, x.suggestion]), [
      ['mixture.caps.book', 'books'],
      ['mixture.maxEpochs.cde', 'code'],
    ]);
  });
});
