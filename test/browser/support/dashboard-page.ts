/**
 * A dashboard page wired to a DashboardRelay in this process, exactly as the extension host wires
 * a webview panel: the page's postMessage reaches relay.handle, the relay's posts arrive as window
 * message events. The daemon link (and its token) stays in this process.
 */
import type { Page } from 'playwright-core';
import { DashboardRelay } from '../../../extension/panels/dashboard-relay';
import type { DaemonLink } from '../../../extension/panels/daemon-link';
import type { DashboardDescription } from '../../../media/dashboard/inspection';
import type { DashboardToHost, HostToDashboard } from '../../../media/shared/dashboard-messages';
import type { Harness } from './harness-server';

export interface SavedExport {
  format: 'png' | 'csv';
  fileName: string;
  data: string;
}

export interface DashboardPage {
  page: Page;
  relay: DashboardRelay;
  saved: SavedExport[];
  describe(): Promise<DashboardDescription>;
  /** Resolves once `predicate` holds for the dashboard's description. */
  waitFor(predicate: (description: DashboardDescription) => boolean, what: string, timeoutMs?: number): Promise<DashboardDescription>;
  cspViolations(): Promise<string[]>;
  /** A full-page screenshot, after scrolling to the bottom so charts drawn on visibility are drawn. */
  screenshot(path: string): Promise<void>;
}

export async function openDashboardPage(page: Page, harness: Harness, link: DaemonLink, runIds: string[], theme: 'light' | 'dark'): Promise<DashboardPage> {
  const saved: SavedExport[] = [];
  // As JSON text, as VS Code carries webview messages: Playwright's own argument encoding is slow for large payloads.
  const post = (message: HostToDashboard) => page.evaluate((json) => window.postMessage(JSON.parse(json), '*'), JSON.stringify(message)).catch(() => {});
  const relay = new DashboardRelay(link, (message) => void post(message), async (format, fileName, data) => void saved.push({ format, fileName, data }), runIds);
  await page.exposeBinding('harnessToHost', (_source, message: DashboardToHost) => relay.handle(message));
  page.on('pageerror', (error) => console.log(`[pageerror] ${error.message}`));
  await page.goto(harness.pageUrl('dashboard', theme));
  const describe = () => page.evaluate(() => window.adoDashboard?.describe() as DashboardDescription);
  return {
    page,
    relay,
    saved,
    describe,
    async waitFor(predicate, what, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let last: DashboardDescription | undefined;
      while (Date.now() < deadline) {
        last = await describe();
        if (last?.settled && predicate(last)) return last;
        await page.waitForTimeout(100);
      }
      throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(last, null, 1)?.slice(0, 2000)}`);
    },
    cspViolations: () => page.evaluate(() => (window as unknown as { harnessCspViolations: string[] }).harnessCspViolations),
    async screenshot(path) {
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForTimeout(300);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path, fullPage: true });
    },
  };
}
