/** Turns Ajv's schema errors into one readable diagnostic per problem, placed on the offending text. */
import type { ErrorObject } from 'ajv';
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { CONFIG_FORMAT_VERSION } from './schema';
import { formatJsonPath, type ConfigDiagnostic, type JsonPath } from './diagnostics';
import { closestMatch } from './suggest';
import type { TextPositions } from './text-positions';

interface SchemaLike {
  const?: unknown;
  description?: string;
  type?: string;
  properties?: Record<string, unknown>;
  anyOf?: SchemaLike[];
}

export function schemaDiagnostics(errors: ErrorObject[], root: Node, value: unknown, text: TextPositions): ConfigDiagnostic[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf');
  const isInsideUnion = (e: ErrorObject) =>
    unions.some((u) => u !== e && e.schemaPath.startsWith(u.schemaPath.replace(/\/anyOf$/, '/anyOf/')) && e.instancePath.startsWith(u.instancePath));
  const diagnostics: ConfigDiagnostic[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (isInsideUnion(error)) continue;
    const diagnostic = describe(error, root, value, text);
    const key = `${diagnostic.path}|${diagnostic.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      diagnostics.push(diagnostic);
    }
  }
  return diagnostics;
}

function describe(error: ErrorObject, root: Node, value: unknown, text: TextPositions): ConfigDiagnostic {
  const path = pointerToPath(error.instancePath, value);
  const node = findNodeAtLocation(root, path) ?? root;
  const at = formatJsonPath(path);
  const got = JSON.stringify(error.data);
  const base = { severity: 'error' as const, path: at, range: text.nodeRange(node) };
  const schema = (error.parentSchema ?? {}) as SchemaLike;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const keyNode = findNodeAtLocation(root, [...path, key])?.parent?.children?.[0];
      const suggestion = closestMatch(key, Object.keys(schema.properties ?? {}));
      const known = Object.keys(schema.properties ?? {}).filter((k) => k !== '$schema');
      return {
        ...base,
        code: 'unknown-key',
        path: formatJsonPath([...path, key]),
        range: keyNode ? text.nodeRange(keyNode) : base.range,
        message: suggestion
          ? `unknown key "${key}"; did you mean "${suggestion}"?`
          : `unknown key "${key}"; expected one of: ${known.join(', ')}`,
        suggestion,
      };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      const keyNode = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
      return {
        ...base,
        code: 'missing-key',
        path: formatJsonPath([...path, missing]),
        range: keyNode ? text.nodeRange(keyNode) : text.rangeOf(node.offset, 1),
        message: `missing required key "${missing}"${at ? ` in "${at}"` : ''}`,
        suggestion: missing,
      };
    }
    case 'const':
      if (at === 'version' && typeof error.data === 'number' && error.data > CONFIG_FORMAT_VERSION) {
        return {
          ...base,
          code: 'unsupported-version',
          message: `this config is format version ${error.data}, but this build of ADO Studio reads version ${CONFIG_FORMAT_VERSION}; upgrade ADO Studio or write a version ${CONFIG_FORMAT_VERSION} config`,
        };
      }
      return { ...base, code: 'schema', message: `expected ${JSON.stringify(error.params.allowedValue)}, got ${got}` };
    case 'anyOf': {
      const options = schema.anyOf ?? [];
      const literals = options.filter((o) => o.const !== undefined).map((o) => String(o.const));
      if (literals.length === options.length) {
        const suggestion = typeof error.data === 'string' ? closestMatch(error.data, literals) : undefined;
        return {
          ...base,
          code: 'schema',
          suggestion: suggestion !== undefined ? JSON.stringify(suggestion) : undefined,
          message: `expected one of ${literals.map((l) => `"${l}"`).join(', ')}, got ${got}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        };
      }
      return { ...base, code: 'schema', message: `invalid value ${got}: ${schema.description ?? 'does not match any allowed form'}` };
    }
    case 'type':
      return { ...base, code: 'schema', message: `expected ${article(String(error.params.type))}, got ${describeValue(error.data)}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const op = { minimum: '≥', maximum: '≤', exclusiveMinimum: '>', exclusiveMaximum: '<' }[error.keyword];
      return { ...base, code: 'schema', message: `must be ${op} ${error.params.limit}, got ${got}` };
    }
    case 'pattern':
      return { ...base, code: 'schema', message: `invalid value ${got}: ${schema.description ?? `must match ${error.params.pattern}`}` };
    case 'minLength':
      return { ...base, code: 'schema', message: error.params.limit === 1 ? 'must not be empty' : `must have at least ${error.params.limit} characters` };
    case 'maxLength':
      return { ...base, code: 'schema', message: `must have at most ${error.params.limit} characters` };
    case 'minItems':
      return { ...base, code: 'schema', message: `must list at least ${error.params.limit} item${error.params.limit === 1 ? '' : 's'}` };
    default:
      return { ...base, code: 'schema', message: error.message ?? `invalid value ${got}` };
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** "/data/domains/0/name" → ["data", "domains", 0, "name"], using the value to tell array indices from keys. */
function pointerToPath(pointer: string, value: unknown): JsonPath {
  const path: JsonPath = [];
  let cursor: unknown = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cursor)) {
      path.push(Number(key));
      cursor = cursor[Number(key)];
    } else {
      path.push(key);
      cursor = cursor !== null && typeof cursor === 'object' ? (cursor as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}
