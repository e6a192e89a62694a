// Playwright helpers for driving code-server's workbench with Debian's Chromium (Playwright cannot
// download its own browser offline). Shared by ui.e2e.js and devhost.e2e.js.
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const started = Date.now();
const log = (...args) => console.log(`[+${((Date.now() - started) / 1000).toFixed(1)}s]`, ...args);

/** A headless Chromium with a throwaway profile; `close()` removes the profile. */
async function launchBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ado-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  }).catch((error) => {
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  });
  const page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (error) => log('[pageerror]', error.message.slice(0, 200)));
  return {
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Runs a command from the palette. Right after load the extension host may not have registered
 * the command yet, and an open palette never refreshes its list: so retry, reopening the palette.
 */
function runCommand(page, title, timeoutMs = 60_000) {
  return quickInput(page, `>${title}`, title, timeoutMs);
}

/** Opens a workspace file by Quick Open (the palette without its ">" prefix searches files). */
function quickOpen(page, fileName, timeoutMs = 60_000) {
  return quickInput(page, fileName, fileName, timeoutMs);
}

/**
 * Types `text` into the palette and accepts the first row showing `rowText`. A view that takes
 * focus meanwhile (starting the daemon reveals the Runs view) closes the palette: so the whole
 * interaction is retried, not one part of it.
 */
async function quickInput(page, text, rowText, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first();
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(text, { timeout: 10_000 });
      await row.waitFor({ timeout: 3000 });
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw error;
      await page.waitForTimeout(1000);
    }
  }
}

/** Runs named async tests in order; prints `N passed, N failed` and sets the exit code. */
async function runTests(tests, { onFailure } = {}) {
  let passed = 0;
  let failed = 0;
  for (const [name, test] of Object.entries(tests)) {
    try {
      await test();
      passed++;
      log('PASS', name);
    } catch (error) {
      failed++;
      log('FAIL', name, '-', String(error && error.message).split('\n')[0]);
      if (onFailure) await onFailure(name).catch(() => {});
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

module.exports = { launchBrowser, runCommand, quickOpen, runTests, log };
