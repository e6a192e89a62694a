/** What the language server reports: the shared config diagnostics plus the checks only an editor makes. */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { ConfigDiagnostic, DiagnosticCode, Severity } from '../../shared/config';

/**
 * Checks of the files a config names. They live here, not in validateConfig, because the daemon
 * that runs the config may see another file system than the editor (a remote daemon).
 */
export type FileCheckCode = 'path-not-found' | 'source-unreadable' | 'domain-key-absent';

export interface EditorDiagnostic extends Omit<ConfigDiagnostic, 'code'> {
  code: DiagnosticCode | FileCheckCode;
}

/** Travels in `Diagnostic.data` to the code-action request, so fixes need not re-run validation. */
export interface FixData {
  path: string;
  suggestion?: string;
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export const DIAGNOSTIC_SOURCE = 'ado';

export function toLspDiagnostic(d: EditorDiagnostic): Diagnostic {
  const data: FixData = { path: d.path, suggestion: d.suggestion };
  return { range: d.range, severity: severities[d.severity], code: d.code, source: DIAGNOSTIC_SOURCE, message: d.message, data };
}
