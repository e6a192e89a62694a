/**
 * Serves the built webview bundles inside the same HTML shell (and CSP) the extension uses, with
 * a stub of VS Code's webview runtime in front, on a loopback port.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { newNonce, webviewHtml } from '../../../extension/panels/webview-html';

const root = join(__dirname, '..', '..', '..');
const FOLDERS: Record<string, string> = { media: join(root, 'dist', 'media'), support: join(__dirname, 'static') };
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export type HarnessPanel = 'dashboard' | 'config-editor';

export interface Harness {
  origin: string;
  pageUrl(panel: HarnessPanel, theme: 'light' | 'dark'): string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  let origin = '';
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const page = /^\/(dashboard|config-editor)\.html$/.exec(url.pathname);
    if (page) {
      const panel = page[1];
      const html = webviewHtml(
        {
          title: panel,
          cspSource: origin,
          scripts: [`${origin}/support/webview-stub.js`, `${origin}/media/${panel}.js`],
          styles: [`${origin}/support/vscode-theme.css`, `${origin}/media/${panel}.css`],
          rootId: panel,
        },
        newNonce(),
      );
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    const [, folder, ...rest] = url.pathname.split('/');
    const base = FOLDERS[folder];
    const file = base && normalize(join(base, ...rest));
    if (!file || !file.startsWith(base)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageUrl: (panel, theme) => `${origin}/${panel}.html?theme=${theme}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
