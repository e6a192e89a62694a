import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver/node';
import { configText, pileSource } from './configs';
import { LspSession } from './lsp-session';

describe('language server: quick fixes', () => {
  let lsp: LspSession;
  before(async () => (lsp = await LspSession.start()));
  after(() => lsp.stop());

  /** Opens `text`, applies the one fix offered for the diagnostic with `code`, and returns the result. */
  async function applyFix(name: string, text: string, code: string) {
    const { uri, diagnostics } = await lsp.open(name, text);
    const target = diagnostics.find((d) => d.code === code);
    assert.ok(target, `no ${code} diagnostic among ${JSON.stringify(diagnostics.map((d) => d.code))}`);
    const actions = await lsp.codeActions(uri, target);
    assert.equal(actions.length, 1, JSON.stringify(actions));
    const [action] = actions;
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, true);
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'ado-config', 1, text), action.edit!.changes![uri]);
    const after: Diagnostic[] = await lsp.change(uri, fixed);
    return { title: action.title, fixed, codes: after.map((d) => d.code) };
  }

  it('renames a misspelled key', async () => {
    const result = await applyFix('key.ado.json', configText({ extra: '\n  "seeed": 3,' }), 'unknown-key');
    assert.equal(result.title, 'Change to "seed"');
    assert.match(result.fixed, /"seed": 3/);
    assert.deepEqual(result.codes, []);
  });

  it('replaces a misspelled enum value', async () => {
    const result = await applyFix('enum.ado.json', configText({ mixture: '{ "policy": "balansed" }' }), 'schema');
    assert.equal(result.title, 'Change to "balanced"');
    assert.deepEqual(result.codes, []);
  });

  it('renames a misspelled domain in the prior', async () => {
    const result = await applyFix('domain.ado.json', configText({ mixture: '{ "policy": "natural", "prior": { "fictoin": 0.5, "code": 0.5 } }' }), 'unknown-domain');
    assert.match(result.fixed, /"prior": \{ "fiction": 0\.5/);
    assert.deepEqual(result.codes, []);
  });

  it('renames a source domain to the one found in the JSONL sample', async () => {
    const result = await applyFix('source-domain.ado.json', configText({ data: pileSource('pile/small.jsonl.gz', ', "domains": ["Alpha", "Betta"]') }), 'unknown-domain');
    assert.match(result.fixed, /"domains": \["Alpha", "Beta"\]/);
    assert.deepEqual(result.codes, []);
  });

  it('normalises prior weights with short decimals that sum to 1', async () => {
    const result = await applyFix('normalise.ado.json', configText({ mixture: '{ "policy": "natural", "prior": { "fiction": 2, "code": 1 } }' }), 'prior-not-normalised');
    assert.match(result.fixed, /"fiction": 0\.6667, "code": 0\.3333/);
    assert.deepEqual(result.codes, []);
  });

  it('scales ADO\'s timings to a short run with the auto schedule', async () => {
    const result = await applyFix('schedule.ado.json', configText({ training: '{ "steps": 2000 }', mixture: '{ "policy": "ado", "ado": { "bounds": { "minLogEps": -1 } } }' }), 'few-refits');
    assert.match(result.title, /"schedule": "auto"/);
    assert.match(result.fixed, /"ado": \{\s+"bounds": \{\s+"minLogEps": -1\s+\},\s+"schedule": "auto"\s+\}/);
    assert.deepEqual(result.codes, []);
  });

  it('adds a missing required section from the schema', async () => {
    const withoutData = configText().replace(/"data": \{[\s\S]*?\n  \},\n/, '');
    const result = await applyFix('no-data.ado.json', withoutData, 'missing-key');
    assert.equal(result.title, 'Add "data"');
    assert.match(result.fixed, /"data": \{\n    "domains": \[\n      \{\n        "name": "",\n        "path": ""/);
    assert.ok(!result.codes.includes('missing-key'), JSON.stringify(result.codes));
  });

  it('adds equal fixed weights for every domain when the fixed policy has none', async () => {
    const result = await applyFix('fixed.ado.json', configText({ mixture: '{ "policy": "fixed" }' }), 'fixed-weights');
    assert.match(result.fixed, /"fixed": \{\n\s+"weights": \{\n\s+"fiction": 0\.5,\n\s+"code": 0\.5/);
    assert.deepEqual(result.codes, []);
  });
});
