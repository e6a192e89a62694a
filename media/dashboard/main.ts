/** The dashboard webview's entry point (bundled by scripts/build.mjs into dist/media/dashboard.js). */
import '../shared/webview.css';
import '../shared/chips.css';
import './dashboard.css';
import type { DashboardState, DashboardToHost, HostToDashboard } from '../shared/dashboard-messages';
import { onHostMessage, webviewApi } from '../shared/vscode-api';
import { Dashboard } from './dashboard';

const root = document.getElementById('dashboard');
if (root) {
  const dashboard = new Dashboard(root, webviewApi<DashboardState, DashboardToHost>());
  onHostMessage<HostToDashboard>((message) => dashboard.receive(message));
  dashboard.start();
}
