// Journey 2 as a user clicks through it in a real VS Code (code-server + Chromium): the runs view's
// welcome; a squiggle, a Problems entry and the quick fix for a misspelled key; the welcome button
// that starts the local daemon; the editor's Submit button; the run training in the runs view.
// Usage: node test/vscode/ui.e2e.js <workbench-url> <screenshot-dir>
const path = require('node:path');
const fs = require('node:fs');
const { launchBrowser, runCommand, runTests, log } = require('./workbench');

const [url, screenshots] = process.argv.slice(2);
const PROBLEM = 'unknown key "trainig"; did you mean "training"?';
const RUN_NAME = 'vscode-e2e-tiny';

(async () => {
  fs.mkdirSync(screenshots, { recursive: true });
  const { page, close } = await launchBrowser();
  const shot = (name) => page.screenshot({ path: path.join(screenshots, `${name}.png`) });
  const treeRow = (text) => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  try {
    await page.goto(url);
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'broken.ado.json' }).waitFor({ timeout: 60_000 });
    log('workbench loaded');
    await runTests({
      async 'the runs view welcomes with a Start Local Daemon button'() {
        await runCommand(page, 'ADO Studio: Focus on Runs View');
        await page.locator('.welcome-view-content', { hasText: 'No ADO daemon attached yet' }).waitFor({ timeout: 30_000 });
        await page.locator('.welcome-view-content a.monaco-button', { hasText: 'Start Local Daemon' }).waitFor();
        await shot('runs-view-welcome');
      },
      async 'a misspelled key is underlined and listed in Problems'() {
        await runCommand(page, 'View: Show Explorer');
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'broken.ado.json' }).click();
        await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
        await runCommand(page, 'Problems: Focus on Problems View');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: PROBLEM }).first();
        await row.waitFor({ timeout: 30_000 });
        log('problem:', (await row.innerText()).replace(/\s+/g, ' '));
        await shot('config-problem');
      },
      async 'the quick fix renames the key and the problem disappears'() {
        await page.locator('.monaco-editor .view-lines').first().click();
        await runCommand(page, 'Go to Next Problem in Files (Error, Warning, Info)');
        await runCommand(page, 'Quick Fix...');
        const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Change to "training"' }).first();
        await fix.waitFor({ timeout: 15_000 });
        await shot('config-quick-fix');
        await fix.click();
        await page.locator('.monaco-editor .view-lines', { hasText: '"training": { "steps": 60 }' }).waitFor({ timeout: 15_000 });
        await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'detached', timeout: 30_000 });
        await page.locator('.markers-panel .monaco-list-row', { hasText: PROBLEM }).first().waitFor({ state: 'detached', timeout: 30_000 });
        await shot('config-fixed');
      },
      async 'the welcome view\'s button starts the local daemon'() {
        await runCommand(page, 'ADO Studio: Focus on Runs View');
        await page.locator('.welcome-view-content a.monaco-button', { hasText: 'Start Local Daemon' }).click();
        await treeRow('Local daemon').waitFor({ timeout: 60_000 });
      },
      async 'the editor\'s Submit button sends the config and the run trains in the runs view'() {
        await runCommand(page, 'View: Show Explorer');
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'tiny.ado.json' }).click();
        await page.locator('.editor-actions a.action-label[aria-label^="Submit Run from Current Config"]').click();
        await runCommand(page, 'ADO Studio: Focus on Runs View');
        const run = treeRow(RUN_NAME);
        await run.filter({ hasText: /step [1-9]\d*\/3000 · loss \d/ }).waitFor({ timeout: 120_000 });
        log('run:', (await run.innerText()).replace(/\s+/g, ' '));
        await page.locator('.statusbar-item', { hasText: RUN_NAME }).waitFor({ timeout: 10_000 });
        await shot('runs-view-training');
      },
      async 'Stop Local Daemon brings the welcome back'() {
        await runCommand(page, 'ADO Studio: Stop Local Daemon');
        await page.locator('.welcome-view-content', { hasText: 'No ADO daemon attached yet' }).waitFor({ timeout: 60_000 });
      },
    }, { onFailure: (name) => shot(`failure-${name.replace(/\W+/g, '_')}`) });
  } finally {
    await close();
  }
})();
