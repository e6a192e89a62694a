// The webview panels in a real VS Code (code-server + Chromium): the config editor beside a run
// config (a form edit lands in the text, comments intact, and undo takes it back), and the
// dashboard of a run training on the local daemon, drawing live data and coming back after a reload.
// Chart data is read from the page (window.adoDashboard.describe()), not from pixels.
// Usage: node test/vscode/panels.ui.js <workbench-url> <screenshot-dir>
// The workspace is a copy of test/vscode/workspace (tiny.ado.json and its corpus).
const path = require('node:path');
const fs = require('node:fs');
const { launchBrowser, runCommand, quickOpen, runTests, log } = require('./workbench');

const [url, screenshots] = process.argv.slice(2);
const RUN_NAME = 'vscode-e2e-tiny';

/**
 * The frame of the webview page holding `selector` (`#dashboard`, or the config editor of one file):
 * page > iframe.webview > iframe#active-frame > the page.
 */
async function webviewFrame(page, selector, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview with ${selector} after ${timeoutMs / 1000} s`);
    await page.waitForTimeout(250);
  }
}

const configEditorOf = (page, fileName) => webviewFrame(page, `#config-editor h1:has-text("${fileName}")`);

/** Polls the dashboard's own description of its charts until `predicate` holds. */
async function dashboardState(page, predicate, what, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    const frame = await webviewFrame(page, '#dashboard', Math.max(deadline - Date.now(), 1));
    last = await frame.evaluate(() => window.adoDashboard && window.adoDashboard.describe()).catch(() => undefined);
    if (last && last.settled && predicate(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last).slice(0, 600)}`);
    await page.waitForTimeout(500);
  }
}

const chart = (state, name) => state.charts.find((c) => c.name === name);
const drawnPoints = (state, name) => (chart(state, name)?.datasets ?? []).filter((d) => d.label !== '').reduce((sum, d) => sum + d.points, 0);

(async () => {
  fs.mkdirSync(screenshots, { recursive: true });
  const { page, close } = await launchBrowser();
  const shot = (name) => page.screenshot({ path: path.join(screenshots, `${name}.png`) });
  const editorText = () => page.locator('.monaco-editor .view-lines').first();
  try {
    await page.goto(url);
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'tiny.ado.json' }).waitFor({ timeout: 60_000 });
    log('workbench loaded');
    await runTests({
      async 'Open Config Editor shows the config as a form beside the text'() {
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'tiny.ado.json' }).click();
        await editorText().filter({ hasText: '"steps": 3000' }).waitFor({ timeout: 30_000 });
        await runCommand(page, 'ADO Studio: Open Config Editor');
        const form = await configEditorOf(page, 'tiny.ado.json');
        const steps = form.locator('[data-path="training.steps"] input');
        await steps.waitFor({ timeout: 30_000 });
        if ((await steps.inputValue()) !== '3000') throw new Error(`the form shows steps ${await steps.inputValue()}`);
        await shot('config-editor');
      },
      async 'a form edit lands in the text with comments intact, Show in JSON finds it, and undo takes it back'() {
        const form = await configEditorOf(page, 'tiny.ado.json');
        const steps = form.locator('[data-path="training.steps"] input');
        await steps.fill('3001');
        await steps.press('Tab');
        // The text editor renders only the lines in view; Show in JSON selects the field's text there (and focuses it).
        await form.locator('[data-path="training.steps"]').getByRole('button', { name: 'Show in JSON' }).click();
        await editorText().filter({ hasText: '"steps": 3001' }).waitFor({ timeout: 15_000 });
        await editorText().filter({ hasText: 'The run the VS Code tests submit' }).waitFor({ timeout: 5_000 });
        await shot('config-editor-edited');
        await page.keyboard.press('Control+Z');
        await editorText().filter({ hasText: '"steps": 3000' }).waitFor({ timeout: 15_000 });
        await form.waitForFunction(() => document.querySelector('[data-path="training.steps"] input').value === '3000', null, { timeout: 15_000 });
      },
      async 'the language server\'s diagnostics appear next to their fields'() {
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'broken.ado.json' }).click();
        await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
        await runCommand(page, 'ADO Studio: Open Config Editor');
        const form = await configEditorOf(page, 'broken.ado.json');
        await form.locator('.diagnostic.error', { hasText: 'trainig' }).first().waitFor({ timeout: 30_000 });
        await shot('config-editor-diagnostics');
      },
      async 'Open Dashboard on a running run draws its charts with live data'() {
        await runCommand(page, 'ADO Studio: Start Local Daemon');
        // Starting the daemon brings the Runs view forward, so the config is opened by Quick Open,
        // whatever the side bar shows.
        await quickOpen(page, 'tiny.ado.json');
        await runCommand(page, 'ADO Studio: Submit Run from Current Config');
        // Submitting opens the run's dashboard (a panel opening meanwhile would close the picker below).
        await page.locator('.tab', { hasText: `ADO: ${RUN_NAME}` }).waitFor({ timeout: 60_000 });
        // The command reveals it again. The data dir also holds the UI suite's run of the same
        // config (interrupted when its daemon stopped): the picker must offer this suite's running
        // run first, and the dashboard must not open twice.
        await runCommand(page, 'ADO Studio: Open Dashboard');
        const picker = page.locator('.quick-input-list .monaco-list-row', { hasText: RUN_NAME }).first();
        if (await picker.waitFor({ timeout: 5_000 }).then(() => true, () => false)) {
          if (!(await picker.textContent()).includes('running')) throw new Error(`the picker offers first: ${await picker.textContent()}`);
          await picker.click();
        }
        const tabs = await page.locator('.tab', { hasText: `ADO: ${RUN_NAME}` }).count();
        if (tabs !== 1) throw new Error(`${tabs} dashboard tabs for the run`);
        const first = await dashboardState(page, (s) => s.runs[0] && s.runs[0].stepRows > 0 && drawnPoints(s, 'training-loss') > 0, 'training steps in the dashboard');
        const later = await dashboardState(page, (s) => s.runs[0].stepRows > first.runs[0].stepRows + 5, 'more steps streaming in');
        log('dashboard:', later.runs[0].stepRows, 'step rows,', later.runs[0].fits, 'refits,', drawnPoints(later, 'training-loss'), 'training-loss points');
        const heatmap = chart(later, 'mixture-heatmap');
        if (!heatmap || heatmap.empty !== null || heatmap.datasets[0].points === 0) throw new Error('the mixture heatmap is empty');
        const title = await page.locator('.tab.active', { hasText: `ADO: ${RUN_NAME}` }).count();
        if (!title) throw new Error('the dashboard tab is not titled after the run');
        await shot('dashboard-live');
      },
      async 'after a window reload the dashboard comes back with the run, still training'() {
        const reloaded = page.waitForEvent('load', { timeout: 60_000 });
        await runCommand(page, 'Developer: Reload Window');
        await reloaded;
        await page.locator('.tab', { hasText: `ADO: ${RUN_NAME}` }).waitFor({ timeout: 60_000 });
        // The reloaded window attaches to the daemon by itself, and the daemon has kept training:
        // the window that started it asked it to stop only once no window has come back for a minute.
        const restored = await dashboardState(page, (s) => s.runs[0] && s.runs[0].stepRows > 0 && drawnPoints(s, 'training-loss') > 0, 'the restored dashboard');
        log('restored:', restored.runs[0].runId, restored.runs[0].state, restored.runs[0].stepRows, 'step rows');
        if (restored.runs[0].state !== 'running') throw new Error(`the run is ${restored.runs[0].state} after the reload`);
        await dashboardState(page, (s) => s.runs[0].stepRows > restored.runs[0].stepRows + 5, 'steps streaming in after the reload');
        const tabs = await page.locator('.tab', { hasText: `ADO: ${RUN_NAME}` }).count();
        if (tabs !== 1) throw new Error(`${tabs} dashboard tabs after the reload`);
        await shot('dashboard-restored');
      },
    }, { onFailure: (name) => shot(`failure-panels-${name.replace(/\W+/g, '_')}`) });
    // Not a test: the run would otherwise keep training into the next suite. The command runs in
    // the extension host, which closing the browser ends: wait until the daemon is gone.
    await runCommand(page, 'ADO Studio: Stop Local Daemon', 30_000)
      .then(() => runCommand(page, 'ADO Studio: Focus on Runs View'))
      .then(() => page.locator('.welcome-view-content', { hasText: 'No ADO daemon attached yet' }).waitFor({ timeout: 60_000 }))
      .catch(() => log('could not stop the local daemon'));
  } finally {
    await close();
  }
})();
