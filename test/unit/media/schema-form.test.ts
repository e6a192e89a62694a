import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configForm, valueAt, type FieldSpec } from '../../../media/config-editor/schema-form';

const form = configForm();
const find = (path: string, fields: FieldSpec[] = form): FieldSpec | undefined => {
  for (const field of fields) {
    if (field.path.join('.') === path) return field;
    if (field.kind === 'section') {
      const inner = find(path, field.fields);
      if (inner) return inner;
    }
  }
  return undefined;
};

test('top-level sections follow the schema, $schema left to the JSON', () => {
  assert.deepEqual(form.map((f) => f.key), ['version', 'name', 'seed', 'data', 'model', 'training', 'mixture']);
  assert.equal(find('version')?.kind, 'constant');
  assert.equal(find('name')?.required, true);
});

test('fields carry description, default and the paper value', () => {
  const gamma = find('mixture.ado.gamma1');
  assert.equal(gamma?.kind, 'number');
  assert.equal(gamma?.default, 0.1);
  assert.equal(gamma?.paper, 0.1);
  assert.match(gamma?.description ?? '', /γ1/);
  const steps = find('training.steps');
  assert.ok(steps?.kind === 'number' && steps.integer && steps.minimum === 1);
  assert.equal(steps?.paper, 60000);
});

test('domains are rows of name, path and format', () => {
  const domains = find('data.domains');
  assert.ok(domains?.kind === 'rows');
  assert.deepEqual(domains.item.map((f) => f.key), ['name', 'path', 'format']);
  assert.deepEqual(domains.newItem, { name: '', path: '' });
});

test('the prior is natural, balanced or weights per domain', () => {
  const prior = find('mixture.prior');
  assert.ok(prior?.kind === 'union');
  assert.deepEqual(prior.options.map((o) => o.label), ['natural', 'balanced', 'per domain']);
  assert.equal(prior.paper, 'natural');
});

test('choices list every literal with its description', () => {
  const policy = find('mixture.policy');
  assert.ok(policy?.kind === 'choice');
  assert.deepEqual(policy.choices.map((c) => c.value), ['ado', 'natural', 'balanced', 'fixed', 'odm']);
  assert.equal(find('data.source.jsonl')?.kind, 'list');
});

test('valueAt walks objects and arrays', () => {
  const config = { data: { domains: [{ name: 'a' }, { name: 'b' }] } };
  assert.equal(valueAt(config, ['data', 'domains', 1, 'name']), 'b');
  assert.equal(valueAt(config, ['mixture', 'ado']), undefined);
});
