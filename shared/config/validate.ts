/**
 * validateConfig: the one check used by the CLI, the daemon and the language server, so they can
 * never disagree. It parses JSON with comments, checks the schema, then the semantic rules, and
 * places every diagnostic on the text that causes it.
 */
import Ajv from 'ajv';
import { parseTree, getNodeValue, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { MAX_JSON_DEPTH, describeDeepPath, offsetBeyondDepth, pathBeyondDepth } from '../json-depth';
import { RunConfig } from './schema';
import { ANNOTATION_KEYWORDS } from './annotations';
import { resolveConfig, type ResolvedRunConfig } from './resolve';
import { schemaDiagnostics } from './schema-errors';
import { semanticDiagnostics, type ConfigRule } from './semantic-rules';
import { TextPositions } from './text-positions';
import { describeParseError } from '../json-syntax';
import type { ConfigDiagnostic } from './diagnostics';

export interface ValidationResult {
  diagnostics: ConfigDiagnostic[];
  /** Present when there are no errors: the config with every default filled in. */
  config?: ResolvedRunConfig;
}

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, keywords: [...ANNOTATION_KEYWORDS] });
const checkSchema = ajv.compile(RunConfig);

export function validateConfig(text: string, extraRules: readonly ConfigRule[] = []): ValidationResult {
  const positions = new TextPositions(text);
  const tooDeep = offsetBeyondDepth(text);
  if (tooDeep >= 0) {
    return { diagnostics: [{ severity: 'error', code: 'syntax', path: '', message: tooDeepMessage('here'), range: positions.rangeOf(tooDeep, 1) }] };
  }
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  if (parseErrors.length > 0 || !root) {
    const diagnostics: ConfigDiagnostic[] = parseErrors.map((e) => ({
      severity: 'error',
      code: 'syntax',
      path: '',
      message: `invalid JSON: ${describeParseError(printParseErrorCode(e.error))}`,
      range: positions.rangeOf(e.offset, e.length),
    }));
    if (diagnostics.length === 0) {
      diagnostics.push({ severity: 'error', code: 'syntax', path: '', message: 'the file is empty; a run config is a JSON object', range: positions.documentStart() });
    }
    return { diagnostics };
  }
  const value = getNodeValue(root);
  if (!checkSchema(value)) {
    return { diagnostics: schemaDiagnostics(checkSchema.errors ?? [], root, value, positions) };
  }
  const config = resolveConfig(value);
  const diagnostics = semanticDiagnostics(config, root, positions, extraRules);
  return diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { diagnostics, config };
}

/** A config object from code (not text), e.g. sent by a client over the protocol. Checked for depth before it is printed. */
export function validateConfigValue(value: unknown, extraRules: readonly ConfigRule[] = []): ValidationResult {
  const tooDeep = pathBeyondDepth(value);
  if (tooDeep) {
    const message = tooDeepMessage(`at ${describeDeepPath(tooDeep, 'config')}`);
    return { diagnostics: [{ severity: 'error', code: 'syntax', path: '', message, range: new TextPositions('').documentStart() }] };
  }
  return validateConfig(JSON.stringify(value, null, 2), extraRules);
}

function tooDeepMessage(where: string): string {
  return `the config nests more than ${MAX_JSON_DEPTH} levels deep ${where}; a run config needs fewer than ten, so remove the extra nesting`;
}
