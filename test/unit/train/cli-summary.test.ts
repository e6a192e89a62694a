import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactNumber, duration, percent, topDomains } from '../../../daemon/cli/progress-format';
import { formatSummary, summaryJson, type SummaryInput } from '../../../daemon/cli/summary';

test('compact figures for progress lines', () => {
  assert.equal(compactNumber(950), '950');
  assert.equal(compactNumber(12_345), '12.3k');
  assert.equal(compactNumber(2_050_000), '2.05M');
  assert.equal(duration(1_234), '1s');
  assert.equal(duration(192_000), '3m12s');
  assert.equal(duration(7_500_000), '2h05m');
  assert.equal(percent(0.1234), '12.3%');
  assert.equal(topDomains(['a', 'b', 'c', 'd'], [0.1, 0.4, 0.2, 0.3], 2), 'b 40% · d 30%');
});

const input: SummaryInput = {
  runId: 'demo-1',
  runDir: '/data/runs/demo-1',
  meta: { type: 'meta', kind: 'train', domains: ['code', 'fiction'], prior: [0.25, 0.75], policy: 'ado', backend: 'wasm', totalSteps: 100 },
  summary: {
    type: 'summary',
    step: 99,
    tokens: 102_400,
    elapsedMs: 65_000,
    tokensPerSecond: 1575.4,
    validation: { losses: [1.5, 2.25], uniform: 1.875, tokenWeighted: 2.0625 },
    finalWeights: [0.4, 0.6],
    averageWeights: [0.3, 0.7],
  },
  epochs: [0.5, 1.25],
};

test('the summary table lists each domain\'s validation loss, prior, final and average weight, and the averages', () => {
  const text = formatSummary(input);
  assert.match(text, /^Run demo-1 completed: 100 steps, 102k tokens in 1m05s \(1,575 tokens\/s on wasm\), policy ado$/m);
  assert.match(text, /^code\s+1\.500\s+25\.0%\s+40\.0%\s+30\.0%\s+0\.50$/m);
  assert.match(text, /^fiction\s+2\.250\s+75\.0%\s+60\.0%\s+70\.0%\s+1\.25$/m);
  assert.match(text, /^uniform average\s+1\.875$/m);
  assert.match(text, /^token-weighted\s+2\.063$/m);
  assert.match(text, /^Run directory: \/data\/runs\/demo-1$/m);
  assert.match(text, /^HTML report: {3}ado report \/data\/runs\/demo-1$/m);
});

test('the JSON summary carries the same facts', () => {
  const json = summaryJson(input);
  assert.equal(json.steps, 100);
  assert.deepEqual(json.validation, { uniform: 1.875, tokenWeighted: 2.0625 });
  assert.deepEqual(json.domains[1], { name: 'fiction', validationLoss: 2.25, prior: 0.75, finalWeight: 0.6, averageWeight: 0.7, epochs: 1.25 });
});
