/**
 * Messages between the config editor webview and the extension host, which owns the document:
 * the page never writes text, it asks for path-based edits that the host applies as WorkspaceEdits
 * (so undo works and comments survive).
 */
import type { JsonPath, Severity } from '../../shared/config/diagnostics';

/** A language-server diagnostic placed on the JSON path it points at. */
export interface FieldDiagnostic {
  path: JsonPath;
  severity: Severity;
  message: string;
}

export type ConfigEdit =
  /** `value` undefined removes the key, so the schema default applies again. */
  | { type: 'set'; path: JsonPath; value: unknown }
  | { type: 'insert'; path: JsonPath; index: number; value: unknown }
  | { type: 'move'; path: JsonPath; from: number; to: number };

/** Direction: extension host → webview. */
export type HostToConfigEditor = {
  type: 'document';
  /** The document's URI, kept in the page state so the serializer can reopen the editor for it. */
  uri: string;
  fileName: string;
  text: string;
  diagnostics: FieldDiagnostic[];
};

/** Direction: webview → extension host. */
export type ConfigEditorToHost =
  | { type: 'ready' }
  | { type: 'edit'; edit: ConfigEdit }
  /** Show the field's text in the JSON editor. */
  | { type: 'reveal'; path: JsonPath }
  | { type: 'submit' };

/** The config editor's webview state, read back by the serializer after a reload. */
export interface ConfigEditorState {
  uri: string;
}
