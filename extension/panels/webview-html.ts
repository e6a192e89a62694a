/**
 * The HTML shell of every ADO Studio webview: a strict Content-Security-Policy (no inline script or
 * style, scripts only with this page's nonce) and the bundled script and stylesheet.
 */
import { randomBytes } from 'node:crypto';

export interface WebviewPage {
  title: string;
  /** The webview's `cspSource`: where its local resources are served from. */
  cspSource: string;
  /** Script URIs, run in order. */
  scripts: string[];
  styles: string[];
  /** The id of the element the page's script renders into. */
  rootId: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export function webviewHtml(page: WebviewPage, nonce: string): string {
  const csp = [`default-src 'none'`, `style-src ${page.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${page.styles.map((href) => `<link rel="stylesheet" href="${escapeAttribute(href)}">`).join('\n')}
<title>${escapeAttribute(page.title)}</title>
</head>
<body>
<main id="${escapeAttribute(page.rootId)}"></main>
${page.scripts.map((src) => `<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(src)}"></script>`).join('\n')}
</body>
</html>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
