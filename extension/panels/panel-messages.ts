/**
 * Checks on what a webview posts before the host acts on it: page scripts are ours, but the host
 * must not turn a malformed message into a daemon request or a file write.
 */
import type { ConfigEditorToHost } from '../../media/shared/config-editor-messages';
import type { DashboardToHost } from '../../media/shared/dashboard-messages';

type Shape = Record<string, 'string'>;

const DASHBOARD_MESSAGES: Record<DashboardToHost['type'], Shape> = {
  ready: {},
  listRuns: {},
  attach: { runId: 'string' },
  detach: { runId: 'string' },
  resume: { runId: 'string' },
  export: { format: 'string', fileName: 'string', data: 'string' },
};

export function isDashboardToHost(message: unknown): message is DashboardToHost {
  if (!isRecord(message) || typeof message.type !== 'string' || !Object.hasOwn(DASHBOARD_MESSAGES, message.type)) return false;
  if (message.type === 'export' && message.format !== 'png' && message.format !== 'csv') return false;
  return hasShape(message, DASHBOARD_MESSAGES[message.type as DashboardToHost['type']]);
}

const CONFIG_EDITOR_MESSAGES = new Set<ConfigEditorToHost['type']>(['ready', 'edit', 'reveal', 'submit']);

export function isConfigEditorToHost(message: unknown): message is ConfigEditorToHost {
  if (!isRecord(message) || !CONFIG_EDITOR_MESSAGES.has(message.type as ConfigEditorToHost['type'])) return false;
  if (message.type === 'reveal') return isJsonPath(message.path);
  if (message.type !== 'edit') return true;
  const edit = message.edit;
  if (!isRecord(edit) || !isJsonPath(edit.path)) return false;
  switch (edit.type) {
    case 'set':
      return true;
    case 'insert':
      return Number.isInteger(edit.index);
    case 'move':
      return Number.isInteger(edit.from) && Number.isInteger(edit.to);
    default:
      return false;
  }
}

function isJsonPath(value: unknown): boolean {
  return Array.isArray(value) && value.every((segment) => typeof segment === 'string' || Number.isInteger(segment));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasShape(message: Record<string, unknown>, shape: Shape): boolean {
  return Object.entries(shape).every(([key, type]) => typeof message[key] === type);
}
