import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replayLog } from '../../../daemon/replay/replay-log';
import { tempDir } from '../../helpers/temp-dir';

const example = join(__dirname, '..', '..', '..', 'examples', 'replay', 'example.jsonl');

function logFile(lines: string[]): string {
  const file = join(tempDir('ado-replay-'), 'log.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function replayLines(file: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  await replayLog(file, (line) => out.push(JSON.parse(line)));
  return out;
}

const header = JSON.stringify({ domains: ['a', 'b'], prior: [0.5, 0.5], policy: 'natural' });
const step = (s: number, counts = [1, 1], losses: unknown[] = [2, 3]) => JSON.stringify({ step: s, counts, losses });

test('the shipped example replays: one line per step, a fit on each refit step', async () => {
  const out = await replayLines(example);
  assert.equal(out.length, 3000);
  const fitSteps = out.filter((o) => o.fit).map((o) => o.step);
  assert.deepEqual(fitSteps, [400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000, 2200, 2400, 2600, 2800]);
  for (const o of out) {
    const w = o.weights as number[];
    assert.equal(w.length, 5);
    assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  }
  assert.equal((out[400].fit as number[][]).length, 5);
  (out[0].weights as number[]).forEach((w, k) => assert.ok(Math.abs(w - [0.4, 0.25, 0.15, 0.1, 0.1][k]) < 1e-12));
});

test('a baseline header replays with its own policy', async () => {
  const out = await replayLines(logFile([header, step(0), step(1)]));
  assert.deepEqual(out, [{ step: 0, weights: [0.5, 0.5] }, { step: 1, weights: [0.5, 0.5] }]);
});

const badInputs: [string, string[], RegExp][] = [
  ['malformed JSON', [header, '{"step": 0, "counts": [1, 1]'], /log\.jsonl:2: not valid JSON/],
  ['NaN', [header, '{"step": 0, "counts": [1, 1], "losses": [NaN, 2]}'], /log\.jsonl:2: not valid JSON.*NaN and Infinity are not allowed/],
  ['wrong K', [header, step(0, [1, 1, 1], [1, 1, 1])], /log\.jsonl:2: "counts" has 3 entries; expected one per domain \(2\)/],
  ['negative count', [header, step(0, [-1, 2])], /log\.jsonl:2: counts\[0\] must be an integer ≥ 0, got -1/],
  ['fractional count', [header, step(0, [1, 2.5])], /log\.jsonl:2: counts\[1\] must be an integer ≥ 0, got 2.5/],
  ['a loss that overflows to Infinity', [header, '{"step": 0, "counts": [1, 1], "losses": [1e999, 2]}'], /log\.jsonl:2: losses\[0\] must be a positive finite number/],
  ['count without a loss', [header, step(0, [1, 1], [null, 2])], /log\.jsonl:2: losses\[0\] is null but counts\[0\] is 1/],
  ['steps not increasing', [header, step(3), step(3)], /log\.jsonl:3: steps must increase/],
  ['unknown header key', [JSON.stringify({ domains: ['a'], prior: [1], adoo: {} })], /log\.jsonl:1: header: unknown header key "adoo"/],
  ['wrong prior length', [JSON.stringify({ domains: ['a', 'b'], prior: [1] })], /log\.jsonl:1: header: "prior" must be 2 positive numbers/],
  ['bad ADO parameter', [JSON.stringify({ domains: ['a', 'b'], prior: [1, 1], ado: { gamma1: 2 } })], /log\.jsonl:1: header: ado\.gamma1: must be ≤ 1, got 2/],
  ['missing losses', [header, '{"step": 0, "counts": [1, 1]}'], /log\.jsonl:2: "losses" is missing/],
];

for (const [name, lines, message] of badInputs) {
  test(`bad input stops with the line number and the reason: ${name}`, async () => {
    await assert.rejects(replayLines(logFile(lines)), message);
  });
}

test('an empty log says what its first line must be', async () => {
  await assert.rejects(replayLines(logFile([])), /the log is empty; its first line must be the header/);
});
