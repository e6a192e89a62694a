/**
 * Debian's Chromium driven headless by playwright-core, for the report's PNGs. Playwright's own
 * browser download is not used (it needs network access at install time); `npm run setup:e2e`
 * installs the system package instead. Every launch gets a fresh profile and no background
 * networking, so rendering a report never touches the network or the user's browser profile.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export class ChromiumError extends Error {}

/**
 * Why headless rendering cannot work here, or null when it can: it needs Chromium, and
 * playwright-core (a dev dependency, absent from the .vsix) to drive it.
 */
export function chromiumMissing(): string | null {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH}; "npm run setup:e2e" installs it (or set CHROMIUM to another Chromium binary)`;
  if (!playwrightInstalled()) return 'playwright-core is not installed; "npm install" in an ADO Studio clone installs it';
  return null;
}

function playwrightInstalled(): boolean {
  try {
    require.resolve('playwright-core');
    return true;
  } catch {
    return false;
  }
}

/** Runs `use` with a fresh headless browser context and always cleans up after it. */
export async function withHeadlessChromium<T>(use: (context: BrowserContext) => Promise<T>): Promise<T> {
  // Loaded here, not at the top: the CLI bundle must start where playwright-core is not installed.
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'ado-report-chromium-'));
  try {
    const context = await chromium
      .launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: FLAGS,
        viewport: { width: 1400, height: 1000 },
        // Twice the pixels, so figures stay sharp in papers and on high-density screens.
        deviceScaleFactor: 2,
        offline: true,
      })
      .catch((error: Error) => {
        throw new ChromiumError(`cannot start Chromium at ${CHROMIUM_PATH}: ${error.message.split('\n')[0]}`);
      });
    try {
      return await use(context);
    } finally {
      await context.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
