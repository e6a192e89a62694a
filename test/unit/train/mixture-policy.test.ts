import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig, type RunConfig } from '../../../shared/config';
import { UserError } from '../../../daemon/util/user-error';
import { CappedPolicy } from '../../../daemon/mixture/capped-policy';
import { mixturePolicy } from '../../../daemon/train/mixture-policy';
import { tempDir } from '../../helpers/temp-dir';

const domains = ['a', 'b'];
const prior = Float64Array.from([0.5, 0.5]);
const config = (mixture: RunConfig['mixture']) =>
  resolveConfig({ version: 1, name: 'p', data: { domains: domains.map((name) => ({ name, path: name })) }, mixture });

test('the configured policy, unwrapped when there are neither caps nor epoch limits', () => {
  const policy = mixturePolicy(config({ policy: 'balanced' }), domains, prior, '/');
  assert.equal(policy.name, 'balanced');
  assert.ok(!(policy instanceof CappedPolicy));
});

test('caps wrap the policy and bound its weights', () => {
  const policy = mixturePolicy(config({ policy: 'natural', caps: { a: { max: 0.2 } } }), domains, prior, '/');
  assert.ok(policy instanceof CappedPolicy);
  assert.deepEqual(Array.from(policy.current()).map((w) => +w.toFixed(6)), [0.2, 0.8]);
});

test('the fixed policy reads its weights file relative to the config folder', () => {
  const folder = tempDir('ado-fixed-');
  writeFileSync(join(folder, 'weights.json'), JSON.stringify({ format: 'ado-fixed-weights', version: 1, kind: 'final', weights: { a: 3, b: 1 } }));
  const policy = mixturePolicy(config({ policy: 'fixed', fixed: { file: 'weights.json' } }), domains, prior, folder);
  assert.deepEqual(Array.from(policy.current()), [0.75, 0.25]);
  assert.throws(
    () => mixturePolicy(config({ policy: 'fixed', fixed: { file: 'missing.json' } }), domains, prior, folder),
    (error: Error) => error instanceof UserError && error.message.includes('missing.json'),
  );
});

test('a fixed weights file that is not JSON is placed by line and column, never quoted', () => {
  const folder = tempDir('ado-fixed-');
  writeFileSync(join(folder, 'secret.txt'), '{\n  "weights": TOPSECRET-1234\n}');
  assert.throws(
    () => mixturePolicy(config({ policy: 'fixed', fixed: { file: 'secret.txt' } }), domains, prior, folder),
    (error: Error) => /secret\.txt: not valid JSON \(unexpected character at line 2, column 14\)$/.test(error.message) && !error.message.includes('TOPSECRET'),
  );
});
