/**
 * The HTML report's entry point (bundled by scripts/build.mjs into dist/media/report.js and
 * inlined by `ado report`). It draws the payload embedded in the page, then publishes what it drew
 * on `window.adoReport` for the browser tests and the PNG export, which wait for `ready`.
 */
import '../shared/chips.css';
import './report.css';
import { REPORT_PAYLOAD_ID, type ReportPayload } from './report-payload';
import { ReportPage, type ReportDescription } from './report-page';

declare global {
  interface Window {
    adoReport?: { ready: boolean; describe(): ReportDescription };
  }
}

const root = document.getElementById('report');
const data = document.getElementById(REPORT_PAYLOAD_ID);
if (root && data?.textContent) {
  const page = new ReportPage(root, JSON.parse(data.textContent) as ReportPayload);
  page.render();
  window.adoReport = { ready: true, describe: () => page.describe() };
}
