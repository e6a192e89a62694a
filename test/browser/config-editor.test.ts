/**
 * The config editor bundle in Chromium, relayed through the real ConfigEditorRelay to a document in
 * memory: the form shows the document, form edits become text edits that keep comments, text
 * edits update the form, and validator diagnostics sit next to their fields.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import type { Page } from 'playwright-core';
import { ConfigEditorRelay } from '../../extension/panels/config-editor-relay';
import type { ConfigEditorToHost, HostToConfigEditor } from '../../media/shared/config-editor-messages';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness-server';
import { MemoryDocument } from './support/memory-document';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

const CONFIG = `{
  // A tiny run for the tests.
  "version": 1,
  "name": "tiny",
  "data": {
    "tokenizer": "byte",
    "domains": [
      { "name": "fiction", "path": "fiction.txt" }, // stories
      { "name": "code", "path": "code.txt" },
      { "name": "math", "path": "math.txt" }
    ]
  },
  "training": { "steps": 2000 /* about ten minutes */ },
  "mixture": { "policy": "ado" }
}
`;

let browser: Browser;
let harness: Harness;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  harness = await startHarness();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await harness?.close();
});

async function openEditor(theme: 'light' | 'dark' = 'light'): Promise<{ page: Page; doc: MemoryDocument; field: (path: string) => ReturnType<Page['locator']> }> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => console.log(`[pageerror] ${error.message}`));
  const doc = new MemoryDocument(CONFIG);
  const relay = new ConfigEditorRelay(doc, (message: HostToConfigEditor) => void page.evaluate((m) => window.postMessage(m, '*'), message).catch(() => {}));
  doc.onChange(() => relay.documentChanged());
  await page.exposeBinding('harnessToHost', (_source, message: ConfigEditorToHost) => relay.handle(message));
  await page.goto(harness.pageUrl('config-editor', theme));
  await page.locator('h1', { hasText: 'tiny.ado.json' }).waitFor();
  const field = (path: string) => page.locator(`[data-path="${path}"]`).first();
  return { page, doc, field };
}

const configOf = (doc: MemoryDocument) => parse(doc.content) as Record<string, any>;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('config editor webview', () => {
  test('the form shows the document with defaults and the paper values', async () => {
    const { page, field } = await openEditor();
    assert.equal(await field('name').locator('input').inputValue(), 'tiny');
    assert.equal(await field('training.steps').locator('input').inputValue(), '2000');
    assert.match((await field('training.steps').locator('.hint').textContent()) ?? '', /default 2000 · paper 60000/);
    assert.equal(await field('training.batchSize').locator('input').getAttribute('placeholder'), 'default 16');
    assert.match((await field('mixture.ado.gamma1').locator('.description').textContent()) ?? '', /γ1/);
    assert.equal(await page.locator('[data-path="data.domains"] tbody tr').count(), 3);
    assert.equal(await page.locator('[data-path="data.domains[1].name"] input').inputValue(), 'code');
    // The validator's warnings for a 2,000-step run with the paper's ADO timings and a byte tokenizer.
    assert.match((await page.locator('.counts').textContent()) ?? '', /^0 errors, [1-9]\d* warnings?$/);
    await page.screenshot({ path: join(ARTIFACTS, 'config-editor-light.png') });
    assert.deepEqual(await page.evaluate(() => (window as unknown as { harnessCspViolations: string[] }).harnessCspViolations), []);
    await page.close();
  });

  test('form edits become text edits that keep comments and key order', async () => {
    const { page, doc, field } = await openEditor();
    await field('training.steps').locator('input').fill('3000');
    await field('training.steps').locator('input').press('Tab');
    await until(() => configOf(doc).training.steps === 3000, 'the steps edit');
    assert.match(doc.content, /"steps": 3000 \/\* about ten minutes \*\//);
    assert.match(doc.content, /\/\/ A tiny run for the tests\.\n/);
    assert.match(doc.content, /\/\/ stories/);
    // Sections the config does not set yet start collapsed.
    await page.locator('[data-path="mixture.ado"] > summary').click();
    await field('mixture.ado.gamma1').locator('input').fill('0.2');
    await field('mixture.ado.gamma1').locator('input').press('Tab');
    await until(() => configOf(doc).mixture?.ado?.gamma1 === 0.2, 'a nested key created');
    await field('training.steps').locator('input').fill('');
    await field('training.steps').locator('input').press('Tab');
    await until(() => configOf(doc).training.steps === undefined, 'the key removed, so the default applies');
    await page.close();
  });

  test('text typed in the document updates the form', async () => {
    const { page, doc, field } = await openEditor();
    doc.type(doc.content.replace('"name": "tiny"', '"name": "renamed"'));
    await page.waitForFunction(() => (document.querySelector('[data-path="name"] input') as HTMLInputElement).value === 'renamed');
    assert.equal(await field('name').locator('input').inputValue(), 'renamed');
    doc.type(doc.content.replace('"tiny', '"tiny').replace('"version": 1,', '"version": 1,,'));
    await page.locator('.banner.error', { hasText: 'syntax errors' }).waitFor();
    assert.equal(await field('name').locator('input').isDisabled(), true, 'the form is frozen while the JSON does not parse');
    await page.close();
  });

  test('diagnostics appear next to their fields', async () => {
    const { page, doc, field } = await openEditor('dark');
    // A rule on a value: too large a floor for three domains.
    doc.type(doc.content.replace('"policy": "ado"', '"policy": "ado", "ado": { "deltaMin": 0.5 }'));
    await field('mixture.ado.deltaMin').locator('.diagnostic.error').waitFor();
    assert.match((await field('mixture.ado.deltaMin').locator('.diagnostics').textContent()) ?? '', /deltaMin|δ/);
    assert.match((await page.locator('.counts').textContent()) ?? '', /^[1-9]\d* errors?/);
    await field('mixture.ado.deltaMin').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'config-editor-dark.png') });
    // A misspelled key: on the section that holds it.
    doc.type(doc.content.replace('"steps": 2000', '"stepz": 2000'));
    await field('training').locator(':scope > .diagnostics .diagnostic').first().waitFor();
    assert.match((await field('training').locator(':scope > .diagnostics').textContent()) ?? '', /stepz/);
    await page.close();
  });

  test('domains: add, reorder and remove', async () => {
    const { page, doc } = await openEditor();
    await page.getByRole('button', { name: 'Add domain' }).click();
    await until(() => configOf(doc).data.domains.length === 4, 'a fourth domain');
    await page.locator('[data-path="data.domains[3].name"] input').fill('news');
    await page.locator('[data-path="data.domains[3].name"] input').press('Tab');
    await until(() => configOf(doc).data.domains[3].name === 'news', 'the new name');
    await page.locator('[data-path="data.domains[3]"]').getByRole('button', { name: 'Move up' }).click();
    await until(() => configOf(doc).data.domains[2].name === 'news', 'news moved up');
    await page.locator('[data-path="data.domains[0]"]').getByRole('button', { name: 'Remove' }).click();
    await until(() => configOf(doc).data.domains.length === 3, 'fiction removed');
    assert.deepEqual(configOf(doc).data.domains.map((d: { name: string }) => d.name), ['code', 'news', 'math']);
    assert.match(doc.content, /\/\/ A tiny run for the tests\./);
    await page.close();
  });

  test('a custom prior starts from equal weights and shows them normalised', async () => {
    const { page, doc, field } = await openEditor();
    await field('mixture.prior').locator('select').selectOption({ label: 'per domain' });
    await until(() => typeof configOf(doc).mixture.prior === 'object', 'the weights object');
    assert.deepEqual(Object.keys(configOf(doc).mixture.prior), ['fiction', 'code', 'math']);
    const weight = field('mixture.prior').getByLabel('Weight of fiction');
    await weight.fill('2');
    await weight.press('Tab');
    await until(() => configOf(doc).mixture.prior.fiction === 2, 'the new weight');
    // 2 against the two others' 1/3 each.
    await page.waitForFunction(() => document.querySelector('[data-path="mixture.prior"] .share')?.textContent === '75.0%');
    await field('mixture.prior').getByRole('button', { name: 'Normalise' }).click();
    await until(() => Math.abs(configOf(doc).mixture.prior.fiction - 0.75) < 1e-6, 'normalised weights');
    await page.close();
  });

  test('Submit run and Show in JSON go to the host', async () => {
    const { page, doc, field } = await openEditor();
    await page.getByRole('button', { name: 'Submit run' }).click();
    await field('training.steps').getByRole('button', { name: 'Show in JSON' }).click();
    await until(() => doc.submitted === 1 && doc.revealed.length === 1, 'the host calls');
    assert.equal(doc.revealed[0], '"steps": 2000');
    await page.close();
  });
});
