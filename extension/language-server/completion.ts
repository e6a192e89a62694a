/** Completion at the cursor: the keys an object may still take, and the values a field allows. */
import { findNodeAtLocation, getLocation, type Location, type Node } from 'jsonc-parser';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatJsonPath } from '../../shared/config';
import { declaredDomains } from './domain-names';
import { describeField, typeName } from './hover';
import type { SchemaNode } from '../../shared/config/schema-node';
import { isKeyedByDomain, objectShape, schemaAt, shapes } from './schema-navigation';
import { templateValue } from './templates';
import { nodeRange, spanRange } from './text-edits';
import { uniformWeights } from './weights';

export interface CompletionContext {
  document: TextDocument;
  tree: Node | undefined;
  offset: number;
  /** The client expands snippets (tab stops inside an inserted value). */
  snippets: boolean;
}

export function completionsAt(context: CompletionContext): CompletionItem[] {
  const location = getLocation(context.document.getText(), context.offset);
  const range = replacedRange(context, location);
  return location.isAtPropertyKey ? keyCompletions(context, location, range) : valueCompletions(context, location, range);
}

function keyCompletions({ document, tree, snippets }: CompletionContext, location: Location, range: Range): CompletionItem[] {
  const objectPath = location.path.slice(0, -1);
  const schema = schemaAt(objectPath);
  const object = tree && findNodeAtLocation(tree, objectPath);
  const present = new Set((object?.children ?? []).map((p) => p.children?.[0]?.value).filter((k) => k !== location.path.at(-1)));
  const domains = tree ? declaredDomains(tree) : [];
  // Typing over an existing key keeps its value; a new key gets ": value" with the cursor in it.
  const hasValue = /^\s*:/.test(document.getText().slice(document.offsetAt(range.end)));
  const item = (key: string, keySchema: SchemaNode | undefined, kind: CompletionItemKind): CompletionItem => {
    const insert = hasValue ? JSON.stringify(key) : `${JSON.stringify(key)}: ${snippets ? valueSnippet(keySchema, domains) : ''}`;
    return {
      label: key,
      kind,
      filterText: JSON.stringify(key),
      textEdit: { range, newText: insert },
      insertTextFormat: snippets && !hasValue ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      documentation: keySchema?.description
        ? { kind: MarkupKind.Markdown, value: describeField(formatJsonPath([...objectPath, key]), keySchema, undefined, true) }
        : undefined,
    };
  };
  if (isKeyedByDomain(schema)) {
    return domains.filter((d) => !present.has(d)).map((d) => ({ ...item(d, schemaAt([...objectPath, d]), CompletionItemKind.Value), detail: 'domain' }));
  }
  const properties = objectShape(schema)?.properties ?? {};
  return Object.entries(properties)
    .filter(([key]) => !present.has(key))
    .map(([key, keySchema]) => ({ ...item(key, keySchema, CompletionItemKind.Property), detail: typeName(keySchema) }));
}

function valueCompletions({ tree }: CompletionContext, location: Location, range: Range): CompletionItem[] {
  const schema = schemaAt(location.path);
  if (!schema) return [];
  const value = (literal: unknown, kind: CompletionItemKind, detail?: string): CompletionItem => ({
    label: JSON.stringify(literal),
    kind,
    detail,
    textEdit: { range, newText: JSON.stringify(literal) },
  });
  const items = shapes(schema).flatMap((shape): CompletionItem[] => {
    if (shape.const !== undefined) return [value(shape.const, CompletionItemKind.EnumMember, shape.description)];
    if (shape.type === 'boolean') return [value(true, CompletionItemKind.Value), value(false, CompletionItemKind.Value)];
    if (shape.patternProperties && tree) {
      const domains = declaredDomains(tree);
      return domains.length ? [{ ...value(uniformWeights(domains), CompletionItemKind.Struct, 'equal weight for every domain'), label: '{ weights by domain }' }] : [];
    }
    return [];
  });
  const offered = new Set(items.map((i) => i.label));
  if (schema.default !== undefined && typeof schema.default !== 'object' && !offered.has(JSON.stringify(schema.default))) {
    items.push(value(schema.default, CompletionItemKind.Value, 'default'));
  }
  return items;
}

/** A snippet for a new key's value: the schema's starting value, selected so typing replaces it. */
function valueSnippet(schema: SchemaNode | undefined, domains: readonly string[]): string {
  const shape = schema && shapes(schema)[0];
  if (!schema || !shape) return '$1';
  if (shape.type === 'object') return '{$1}';
  if (shape.type === 'array') return '[$1]';
  const initial = templateValue(schema, domains);
  const escaped = String(initial).replace(/[$}\\]/g, '\\$&');
  return typeof initial === 'string' ? `"\${1:${escaped}}"` : `\${1:${escaped}}`;
}

/** The token under the cursor (a quoted key or value, or a bare word being typed) that an item replaces. */
function replacedRange({ document, offset }: CompletionContext, location: Location): Range {
  const node = location.previousNode;
  if (node && node.offset <= offset && offset <= node.offset + node.length) {
    return nodeRange(document, node);
  }
  const word = /[\w.$-]*$/.exec(document.getText().slice(0, offset))?.[0] ?? '';
  return spanRange(document, offset - word.length, word.length);
}
