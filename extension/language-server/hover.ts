/** Hover: a field's documentation, type, default and the ADO paper's value, from the schema. */
import { getLocation, findNodeAtOffset, type Node } from 'jsonc-parser';
import type { Hover, MarkupKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatJsonPath } from '../../shared/config';
import type { SchemaNode } from '../../shared/config/schema-node';
import { schemaAt, shapes } from './schema-navigation';
import { nodeRange } from './text-edits';

export function hoverAt(document: TextDocument, tree: Node, offset: number, format: MarkupKind): Hover | null {
  const location = getLocation(document.getText(), offset);
  const node = findNodeAtOffset(tree, offset);
  if (!node || location.path.length === 0 || !['string', 'number', 'boolean', 'null'].includes(node.type)) return null;
  const schema = schemaAt(location.path);
  if (!schema?.description) return null;
  const value = location.isAtPropertyKey ? undefined : node.value;
  return {
    contents: { kind: format, value: describeField(formatJsonPath(location.path), schema, value, format === 'markdown') },
    range: nodeRange(document, node),
  };
}

export function describeField(path: string, schema: SchemaNode, current: unknown, markdown: boolean): string {
  const code = (v: unknown) => (markdown ? `\`${JSON.stringify(v)}\`` : JSON.stringify(v));
  const lines = [markdown ? `**${path}** · ${typeName(schema)}` : `${path} (${typeName(schema)})`, '', schema.description ?? ''];
  const literals = shapes(schema).filter((s) => s.const !== undefined);
  if (literals.length > 0) {
    lines.push('');
    for (const literal of literals) {
      const chosen = literal.const === current ? ' ← current' : '';
      lines.push(`- ${code(literal.const)}${literal.description ? ` — ${literal.description}` : ''}${chosen}`);
    }
  }
  const facts = [
    schema.default !== undefined && !isEmptyObject(schema.default) ? `Default: ${code(schema.default)}` : undefined,
    schema.paper !== undefined ? `Paper: ${isProse(schema.paper) ? schema.paper : code(schema.paper)}` : undefined,
    bounds(schema),
  ].filter((f): f is string => f !== undefined);
  if (facts.length > 0) lines.push('', facts.join(markdown ? ' · ' : '; '));
  return lines.join('\n');
}

/** "number", "object", or the literals of an enum: `"byte" | "gpt2" | object`. */
export function typeName(schema: SchemaNode): string {
  const names = shapes(schema).map((s) => (s.const !== undefined ? JSON.stringify(s.const) : s.patternProperties ? 'weights by domain' : s.type ?? 'value'));
  return [...new Set(names)].join(' | ');
}

function bounds(schema: SchemaNode): string | undefined {
  const low = schema.minimum !== undefined ? `${schema.minimum} ≤ ` : schema.exclusiveMinimum !== undefined ? `${schema.exclusiveMinimum} < ` : '';
  const high = schema.maximum !== undefined ? ` ≤ ${schema.maximum}` : schema.exclusiveMaximum !== undefined ? ` < ${schema.exclusiveMaximum}` : '';
  return low || high ? `Range: ${low}x${high}` : undefined;
}

/** Some `paper` annotations describe rather than give a value (e.g. the paper's tokenizer). */
function isProse(value: unknown): value is string {
  return typeof value === 'string' && /\s/.test(value);
}

function isEmptyObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0;
}
