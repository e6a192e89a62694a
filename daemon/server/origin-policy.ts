/**
 * Which WebSocket upgrades may carry an Origin header. Browsers attach Origin to every
 * cross-site WebSocket; native clients (the CLI, the extension host, Python) send none. Refusing
 * web origins stops cross-site WebSocket hijacking even if a page somehow learned the token.
 */

/** Origins of VS Code's own webviews and workbench, which are not web pages. */
const EDITOR_ORIGIN_SCHEMES = ['vscode-webview:', 'vscode-file:'];

export type OriginPolicy = (origin: string | undefined) => boolean;

/** `allowed`: extra exact origins from `--allow-origin` (e.g. "https://code.example.com"). */
export function createOriginPolicy(allowed: readonly string[] = []): OriginPolicy {
  const extra = new Set(allowed.map(normaliseOrigin));
  return (origin) => {
    if (origin === undefined || origin === '') return true;
    if (EDITOR_ORIGIN_SCHEMES.some((scheme) => origin.toLowerCase().startsWith(scheme))) return true;
    return extra.has(normaliseOrigin(origin));
  };
}

function normaliseOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}
