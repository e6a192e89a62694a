import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver/node';
import { configText } from './configs';
import { LspSession, positionOf } from './lsp-session';

describe('language server: hover, completion, formatting', () => {
  let lsp: LspSession;
  before(async () => (lsp = await LspSession.start()));
  after(() => lsp.stop());

  it('hover shows a field\'s documentation, default and the paper\'s value', async () => {
    const text = configText({ mixture: '{ "policy": "ado", "ado": { "deltaMin": 0.01 } }' });
    const { uri } = await lsp.open('hover.ado.json', text);
    const hover = await lsp.hover(uri, positionOf(text, 'deltaMin', 2));
    const { kind, value } = hover!.contents as MarkupContent;
    assert.equal(kind, 'markdown');
    assert.match(value, /\*\*mixture\.ado\.deltaMin\*\* · number/);
    assert.match(value, /Floor on each domain's preference/);
    assert.match(value, /Default: `0\.01` · Paper: `0\.01` · Range: 0 ≤ x < 1/);
    assert.deepEqual(hover!.range!.start, positionOf(text, '"deltaMin"'));
  });

  it('hover on an enum value lists the options and marks the current one', async () => {
    const text = configText({ mixture: '{ "policy": "odm" }' });
    const { uri } = await lsp.open('hover-enum.ado.json', text);
    const { value } = (await lsp.hover(uri, positionOf(text, '"odm"', 2)))!.contents as MarkupContent;
    assert.match(value, /- `"odm"` ← current/);
    assert.match(value, /- `"ado"`/);
  });

  it('completes the keys an object may still take, with their documentation', async () => {
    const text = configText({ extra: '\n  "model": { "layers": 2,  },' });
    const { uri } = await lsp.open('complete-keys.ado.json', text);
    const items = await lsp.completion(uri, positionOf(text, '"layers": 2, ', 13));
    assert.deepEqual(items.map((i) => i.label).sort(), ['dModel', 'heads', 'mlpRatio']);
    const heads = items.find((i) => i.label === 'heads')!;
    assert.equal(heads.textEdit && 'range' in heads.textEdit && heads.textEdit.newText, '"heads": ${1:4}');
    assert.match((heads.documentation as MarkupContent).value, /Paper: `12`/);
  });

  it('completes enum values at the cursor and replaces the string being typed', async () => {
    const text = configText({ mixture: '{ "policy": "na" }' });
    const { uri } = await lsp.open('complete-enum.ado.json', text);
    const items = await lsp.completion(uri, positionOf(text, '"na"', 3));
    assert.deepEqual(items.map((i) => i.label), ['"ado"', '"natural"', '"balanced"', '"fixed"', '"odm"']);
    const natural = items[1].textEdit!;
    assert.ok('range' in natural);
    assert.deepEqual(natural.range, { start: positionOf(text, '"na"'), end: positionOf(text, '"na"', 4) });
  });

  it('completes prior keys with the declared domain names', async () => {
    const text = configText({ mixture: '{ "prior": { "fiction": 0.5,  } }' });
    const { uri } = await lsp.open('complete-domains.ado.json', text);
    const items = await lsp.completion(uri, positionOf(text, '"fiction": 0.5, ', 16));
    assert.deepEqual(items.map((i) => i.label), ['code']);
  });

  it('formats the document, keeping comments', async () => {
    const text = '{ // run\n"version":1,   "name":"x"}\n';
    const { uri } = await lsp.open('format.ado.json', text);
    const formatted = TextDocument.applyEdits(TextDocument.create(uri, 'ado-config', 1, text), await lsp.format(uri));
    assert.equal(formatted, '{ // run\n  "version": 1,\n  "name": "x"\n}\n');
  });
});
