/** `ado report`'s work apart from the command line: the HTML file, then the PNGs when asked and possible. */
import { statSync, writeFileSync } from 'node:fs';
import { chromiumMissing } from './headless-chromium';
import { exportPngs } from './png-export';
import { readReportAssets } from './report-assets';
import { reportHtml } from './report-html';
import type { ReportTarget } from './report-target';
import { readReportPayload } from './read-report-payload';

export interface WrittenReport {
  htmlFile: string;
  bytes: number;
  pngs: string[];
  /** Why PNGs were asked for but not written. */
  pngSkipped?: string;
}

export async function writeReport(target: ReportTarget, htmlFile: string, options: { png: boolean; generator: string }): Promise<WrittenReport> {
  const assets = readReportAssets();
  const payload = await readReportPayload(target, options.generator);
  writeFileSync(htmlFile, reportHtml(payload, assets));
  const written = { htmlFile, bytes: statSync(htmlFile).size, pngs: [] as string[] };
  if (!options.png) return written;
  const missing = chromiumMissing();
  if (missing) return { ...written, pngSkipped: missing };
  return { ...written, pngs: await exportPngs(htmlFile, htmlFile.replace(/\.html?$/i, '')) };
}
