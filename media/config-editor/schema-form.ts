/**
 * The config form's structure, derived from the run-config schema (shared/config/schema.ts) so that
 * every field, description, default and paper value appears without being written twice. The
 * schema is read as plain JSON Schema, the same document VS Code's jsonValidation uses.
 */
import type { JsonPath } from '../../shared/config/diagnostics';
import { RunConfig } from '../../shared/config/schema';
import type { SchemaNode } from '../../shared/config/schema-node';

interface FieldBase {
  path: JsonPath;
  key: string;
  description: string;
  default?: unknown;
  paper?: unknown;
  required: boolean;
}

export type FieldSpec = FieldBase &
  (
    | { kind: 'number'; integer: boolean; minimum?: number; maximum?: number }
    | { kind: 'boolean' }
    | { kind: 'text' }
    | { kind: 'constant'; value: unknown }
    | { kind: 'choice'; choices: Choice[] }
    /** A list of names, or one name or a list (Pile `jsonl`). */
    | { kind: 'list'; singleAllowed: boolean }
    /** Rows of objects, each with its own fields (the domains). */
    | { kind: 'rows'; item: FieldSpec[]; newItem: Record<string, unknown> }
    /** A number per domain name (prior weights, fixed weights, epochs per domain). */
    | { kind: 'weights' }
    /** Fixed values or one structured alternative (prior: natural | balanced | weights). */
    | { kind: 'union'; options: UnionOption[] }
    | { kind: 'section'; title: string; fields: FieldSpec[] }
    /** Anything the form does not edit; shown read-only with a link to the JSON. */
    | { kind: 'json' }
  );

export interface Choice {
  value: string;
  description: string;
}

export type UnionOption = { label: string; description: string } & ({ value: unknown } | { field: FieldSpec });

/** Keys the form leaves to the JSON text. */
const HIDDEN_KEYS = new Set(['$schema']);

export function configForm(): FieldSpec[] {
  return objectFields(RunConfig as unknown as SchemaNode, []);
}

function objectFields(node: SchemaNode, path: JsonPath): FieldSpec[] {
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {})
    .filter(([key]) => !HIDDEN_KEYS.has(key))
    .map(([key, child]) => fieldSpec(child, [...path, key], required.has(key)));
}

export function fieldSpec(node: SchemaNode, path: JsonPath, required: boolean): FieldSpec {
  const base: FieldBase = { path, key: String(path[path.length - 1] ?? ''), description: node.description ?? '', default: node.default, paper: node.paper, required };
  if (node.const !== undefined) return { ...base, kind: 'constant', value: node.const };
  if (node.anyOf) return unionSpec(base, node.anyOf);
  switch (node.type) {
    case 'integer':
    case 'number':
      return { ...base, kind: 'number', integer: node.type === 'integer', minimum: node.minimum ?? node.exclusiveMinimum, maximum: node.maximum ?? node.exclusiveMaximum };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'string':
      return { ...base, kind: 'text' };
    case 'array':
      if (node.items?.type === 'string') return { ...base, kind: 'list', singleAllowed: false };
      if (node.items?.type === 'object' && node.items.properties) {
        const item = objectFields(node.items, []);
        return { ...base, kind: 'rows', item, newItem: Object.fromEntries(item.filter((f) => f.required).map((f) => [f.key, ''])) };
      }
      return { ...base, kind: 'json' };
    case 'object':
      if (node.properties) return { ...base, kind: 'section', title: node.title ?? base.key, fields: objectFields(node, path) };
      if (isNumberRecord(node)) return { ...base, kind: 'weights' };
      return { ...base, kind: 'json' };
    default:
      return { ...base, kind: 'json' };
  }
}

function unionSpec(base: FieldBase, members: SchemaNode[]): FieldSpec {
  if (members.every((m) => typeof m.const === 'string')) {
    return { ...base, kind: 'choice', choices: members.map((m) => ({ value: m.const as string, description: m.description ?? '' })) };
  }
  const strings = members.filter((m) => m.type === 'string' && m.const === undefined);
  if (strings.length === 1 && members.length === 2 && members.some((m) => m.type === 'array')) return { ...base, kind: 'list', singleAllowed: true };
  const options = members.map((member): UnionOption => {
    if (member.const !== undefined) return { label: String(member.const), description: member.description ?? '', value: member.const };
    const field = fieldSpec({ ...member, default: undefined }, base.path, true);
    return { label: alternativeLabel(field), description: member.description ?? '', field };
  });
  return { ...base, kind: 'union', options };
}

function isNumberRecord(node: SchemaNode): boolean {
  const values = Object.values(node.patternProperties ?? {});
  return values.length === 1 && values[0].type === 'number';
}

function alternativeLabel(field: FieldSpec): string {
  switch (field.kind) {
    case 'weights':
      return 'per domain';
    case 'number':
      return 'one number';
    case 'section':
      return field.fields.map((f) => f.key).join(', ');
    default:
      return field.kind;
  }
}

/** The value at `path` in a parsed config, or undefined. */
export function valueAt(config: unknown, path: JsonPath): unknown {
  let value = config;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** The same field at another place: a domain row's fields live under data.domains[i]. */
export function fieldAt(spec: FieldSpec, path: JsonPath): FieldSpec {
  if (spec.kind !== 'section') return { ...spec, path };
  return { ...spec, path, fields: spec.fields.map((field) => fieldAt(field, [...path, field.key])) };
}
