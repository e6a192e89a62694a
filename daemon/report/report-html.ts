/**
 * The report as one self-contained HTML file: the browser bundle (chart.js included), its styles
 * and the data inlined, and a Content-Security-Policy that forbids every network request, so the
 * page opens anywhere, offline, and cannot leak a byte of the run.
 */
import { REPORT_PAYLOAD_ID, type ReportPayload } from '../../media/report/report-payload';

export interface ReportAssets {
  script: string;
  style: string;
}

const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:";

export function reportHtml(payload: ReportPayload, assets: ReportAssets): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(payload.title)}</title>`,
    `<style>${inlineSafe(assets.style, 'style')}</style>`,
    '</head>',
    '<body>',
    '<main id="report"></main>',
    `<script type="application/json" id="${REPORT_PAYLOAD_ID}">${payloadJson(payload)}</script>`,
    `<script>${inlineSafe(assets.script, 'script')}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * Six significant digits are far below what a chart or a four-digit table shows, and cut the
 * file by about half; integers (steps, counts) stay exact. "<" is escaped so no string in the
 * data (a domain name, a log message) can close the script element.
 */
function payloadJson(payload: ReportPayload): string {
  const compact = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(6)) : value);
  return JSON.stringify(payload, compact).replace(/</g, '\\u003c');
}

/** An inlined asset must not contain its own closing tag; in JavaScript and CSS, "<\/" reads the same as "</". */
function inlineSafe(text: string, tag: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
