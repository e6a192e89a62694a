import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { validateConfig } from '../../../shared/config';
import { configText, pileSource } from './configs';
import { LspSession, messageText, positionOf } from './lsp-session';

describe('language server: diagnostics', () => {
  let lsp: LspSession;
  before(async () => (lsp = await LspSession.start()));
  after(() => lsp.stop());

  it('publishes exactly what validateConfig reports: ranges, severities, codes and messages', async () => {
    const text = configText({
      extra: '\n  "modle": { "layers": 2 },',
      mixture: '{ "policy": "ado", "prior": { "fiction": 2, "code": 2 }, "ado": { "deltaMin": 0.7 } }',
    });
    const expected = validateConfig(text).diagnostics;
    const { diagnostics } = await lsp.open('shared.ado.json', text);
    assert.ok(expected.length > 0);
    const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };
    assert.deepEqual(
      diagnostics.map((d) => ({ range: d.range, severity: d.severity, code: d.code, message: d.message })),
      expected.map((d) => ({ range: d.range, severity: severities[d.severity], code: d.code, message: d.message })),
    );
    const unknownKey = diagnostics.find((d) => d.code === 'unknown-key')!;
    assert.deepEqual(unknownKey.range, { start: positionOf(text, '"modle"'), end: positionOf(text, '"modle"', 7) });
  });

  it('warns on the maxEpochs entry of a domain the run would repeat too often, from its file size', async () => {
    const text = configText({ mixture: '{ "policy": "natural", "maxEpochs": { "code": 10 } }' });
    const { diagnostics } = await lsp.open('epochs.ado.json', text);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.equal(diagnostics[0].code, 'epochs');
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
    assert.match(messageText(diagnostics[0]), /^domain "code" would be repeated about \d+\.\d times, more than mixture\.maxEpochs allows \(10\).*one token per byte\)$/);
    assert.deepEqual(diagnostics[0].range.start, positionOf(text, '10 }'));
  });

  it('reports a data path that does not exist on its string', async () => {
    const text = configText({ data: '{ "domains": [ { "name": "poetry", "path": "corpus/poetry.txt" } ] }' });
    const { diagnostics } = await lsp.open('missing-path.ado.json', text);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.equal(diagnostics[0].code, 'path-not-found');
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Error);
    assert.deepEqual(diagnostics[0].range, { start: positionOf(text, '"corpus/poetry.txt"'), end: positionOf(text, '"corpus/poetry.txt"', 19) });
  });

  it('checks source domains against a whole small .gz file: a missing one is an error with a suggestion', async () => {
    const text = configText({ data: pileSource('pile/small.jsonl.gz', ', "domains": ["Alpha", "Betta"]') });
    const { diagnostics } = await lsp.open('gz-domains.ado.json', text);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [misspelled] = diagnostics;
    assert.equal(misspelled.code, 'unknown-domain');
    assert.equal(misspelled.severity, DiagnosticSeverity.Error);
    assert.match(messageText(misspelled), /"Betta" does not occur in small\.jsonl\.gz; did you mean "Beta"\?/);
    assert.deepEqual(misspelled.range.start, positionOf(text, '"Betta"'));
  });

  it('samples the first 200 lines of a .zst file: a domain first seen later is only a warning', async () => {
    const text = configText({ data: pileSource('pile/long.jsonl.zst', ', "domains": ["Alpha", "Late"]') });
    const { diagnostics } = await lsp.open('zst-domains.ado.json', text);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
    assert.match(messageText(diagnostics[0]), /"Late" does not occur in the first 200 lines of long\.jsonl\.zst/);
  });

  it('resolves prior keys against the sampled domains when the source lists none', async () => {
    const text = configText({ data: pileSource('pile/small.jsonl.gz'), mixture: '{ "policy": "natural", "prior": { "Alpha": 0.5, "Gamma": 0.5 } }' });
    const { diagnostics } = await lsp.open('prior-domains.ado.json', text);
    assert.deepEqual(diagnostics.map((d) => d.code), ['unknown-domain']);
    assert.match(messageText(diagnostics[0]), /"Gamma" does not occur in small\.jsonl\.gz \(found: Alpha, Beta\)/);
    assert.deepEqual(diagnostics[0].range.start, positionOf(text, '"Gamma"'));
  });

  it('warns when no sampled line has the domain key', async () => {
    const text = configText({ data: pileSource('pile/small.jsonl.gz', ', "domainKey": "meta.set"') });
    const { diagnostics } = await lsp.open('domain-key.ado.json', text);
    assert.deepEqual(diagnostics.map((d) => d.code), ['domain-key-absent']);
    assert.deepEqual(diagnostics[0].range.start, positionOf(text, '"meta.set"'));
  });

  it('clears the diagnostics once the text is fixed', async () => {
    const broken = configText({ extra: '\n  "sede": 3,' });
    const { uri, diagnostics } = await lsp.open('fixed-later.ado.json', broken);
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(await lsp.change(uri, configText()), []);
  });

  it('a document nested 10,000 deep gets one diagnostic; hover, completion and quick fixes answer empty, and the server lives on', async () => {
    const text = `{\n  "mixture": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}\n}\n`;
    const { uri, diagnostics } = await lsp.open('deep.ado.json', text);
    assert.deepEqual(diagnostics.map((d) => [d.code, messageText(d)]), [['syntax', validateConfig(text).diagnostics[0].message]]);
    const inside = positionOf(text, '"a"', 1, 100);
    assert.equal(await lsp.hover(uri, inside), null);
    assert.deepEqual(await lsp.completion(uri, inside), []);
    assert.deepEqual(await lsp.codeActions(uri, diagnostics[0]), []);
    assert.deepEqual(await lsp.change(uri, configText()), []);
  });
});
