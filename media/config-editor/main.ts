/** The config editor webview's entry point (bundled by scripts/build.mjs into dist/media/config-editor.js). */
import '../shared/webview.css';
import './config-editor.css';
import type { ConfigEditorState, ConfigEditorToHost, HostToConfigEditor } from '../shared/config-editor-messages';
import { onHostMessage, webviewApi } from '../shared/vscode-api';
import { ConfigEditor } from './config-editor';

const root = document.getElementById('config-editor');
if (root) {
  const editor = new ConfigEditor(root, webviewApi<ConfigEditorState, ConfigEditorToHost>());
  onHostMessage<HostToConfigEditor>((message) => editor.receive(message));
  editor.start();
}
