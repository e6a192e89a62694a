/** Points a WebviewPanel at one bundled page under dist/media, with scripts on and nothing else reachable. */
import * as vscode from 'vscode';
import { newNonce, webviewHtml } from './webview-html';

export type WebviewPageName = 'dashboard' | 'config-editor';

export function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'media');
}

/** Options for createWebviewPanel; `retainContextWhenHidden` keeps live charts current in background tabs. */
export function webviewPanelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [mediaRoot(extensionUri)], retainContextWhenHidden: true };
}

export function showPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPageName, title: string): void {
  webview.options = { enableScripts: true, localResourceRoots: [mediaRoot(extensionUri)] };
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot(extensionUri), file)).toString();
  webview.html = webviewHtml(
    { title, cspSource: webview.cspSource, scripts: [asset(`${page}.js`)], styles: [asset(`${page}.css`)], rootId: page },
    newNonce(),
  );
}
