/** Config diagnostics: what validateConfig returns to the CLI, the daemon and the language server. */

export type Severity = 'error' | 'warning' | 'info';

/** Zero-based, like LSP. The CLI prints them one-based. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Identifies a rule, so that editors can offer a quick fix for it. */
export type DiagnosticCode =
  | 'syntax'
  | 'schema'
  | 'unknown-key'
  | 'missing-key'
  | 'unsupported-version'
  | 'duplicate-domain'
  | 'unknown-domain'
  | 'prior-not-positive'
  | 'prior-not-normalised'
  | 'data-source'
  | 'delta-min-too-large'
  | 'schedule'
  | 'savgol'
  | 'few-fit-points'
  | 'few-refits'
  | 'objective'
  | 'byte-eps-floor'
  | 'model-shape'
  | 'fixed-weights'
  | 'learning-rate'
  | 'caps-infeasible'
  | 'epochs'
  | 'data-root';

export interface ConfigDiagnostic {
  severity: Severity;
  code: DiagnosticCode;
  /** JSON path of the offending value, e.g. `mixture.ado.deltaMin` or `data.domains[2].name` ('' = the root). */
  path: string;
  message: string;
  range: Range;
  /** A replacement the editor may offer (e.g. the known key closest to a misspelled one). */
  suggestion?: string;
}

export type JsonPath = (string | number)[];

export function formatJsonPath(path: JsonPath): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
}

/** `file:line:col severity message`, one-based, as compilers print them. */
export function formatDiagnostic(file: string, d: ConfigDiagnostic): string {
  const where = d.path ? ` (${d.path})` : '';
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.message}${where}`;
}
