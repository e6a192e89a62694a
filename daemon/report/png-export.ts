/**
 * PNGs of a report's main charts (the elements the page marks with data-png: loss curves, mixture
 * heatmap, scaling laws, comparison), rendered from the report file itself in headless Chromium,
 * so the figures are exactly what the page shows.
 */
import { pathToFileURL } from 'node:url';
import { ChromiumError, withHeadlessChromium } from './headless-chromium';

/** Writes `<outBase>-<name>.png` per marked element; returns the files written. */
export async function exportPngs(htmlFile: string, outBase: string): Promise<string[]> {
  return withHeadlessChromium(async (context) => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(htmlFile).href);
    await page.waitForFunction(() => window.adoReport?.ready === true, undefined, { timeout: 60_000 }).catch(() => {
      throw new ChromiumError(`the report did not finish drawing in headless Chromium${errors.length > 0 ? `: ${errors.join('; ')}` : ''}`);
    });
    await page.evaluate(() => document.body.classList.add('capture'));
    const files: string[] = [];
    for (const element of await page.locator('[data-png]').all()) {
      const name = await element.getAttribute('data-png');
      const file = `${outBase}-${name}.png`;
      await element.screenshot({ path: file, animations: 'disabled' });
      files.push(file);
    }
    return files;
  });
}
