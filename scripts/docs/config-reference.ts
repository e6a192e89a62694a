/**
 * docs/config-reference.md, rendered from the run-config schema so that the reference cannot
 * drift from the validator: test/unit/docs/docs-drift.test.ts fails when the committed file
 * differs from what this renders. `npm run docs:config` rewrites it.
 */
import { runConfigSchema } from '../../shared/config/schema';
import type { SchemaNode } from '../../shared/config/schema-node';

interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  schema: SchemaNode;
}

export function configReference(): string {
  const root = runConfigSchema as unknown as SchemaNode;
  const sections: string[] = [];
  const topLevel: FieldRow[] = [];
  for (const [key, schema] of Object.entries(root.properties ?? {})) {
    const required = root.required?.includes(key) ?? false;
    if (isObject(schema)) sections.push(section(key, schema, required));
    else topLevel.push({ path: key, type: typeName(schema), required, schema });
  }
  return [
    '# Run config reference',
    '',
    '<!-- Generated from shared/config/schema.ts by `npm run docs:config`; do not edit by hand. -->',
    '',
    `${root.description} Files are JSON with comments (\`*.ado.json\`). Paths are relative to the config file.`,
    'Defaults are the ADO paper\'s values unless the field says otherwise; the "paper" column gives the',
    'value the paper or its reference code uses, where there is one. `ado validate <config>` checks a file',
    'against this schema and the semantic rules (docs/ARCHITECTURE.md).',
    '',
    table(topLevel),
    ...sections,
  ].join('\n');
}

function section(key: string, schema: SchemaNode, required: boolean): string {
  const rows: FieldRow[] = [];
  collect(key, schema, rows);
  return ['', `## \`${key}\`${required ? '' : ' (optional)'}`, '', schema.description ?? '', '', table(rows)].join('\n');
}

/** Every leaf field under `path`, depth first, with arrays as `[]` and records as `<domain>`. */
function collect(path: string, schema: SchemaNode, rows: FieldRow[]): void {
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const childPath = `${path}.${key}`;
    const required = schema.required?.includes(key) ?? false;
    rows.push({ path: childPath, type: typeName(child), required, schema: child });
    descend(childPath, child, rows);
  }
}

function descend(path: string, schema: SchemaNode, rows: FieldRow[]): void {
  if (isObject(schema)) collect(path, schema, rows);
  else if (schema.items && isObject(schema.items)) collect(`${path}[]`, schema.items, rows);
  else if (schema.patternProperties) {
    const value = Object.values(schema.patternProperties)[0];
    if (isObject(value)) collect(`${path}.<domain>`, value, rows);
  } else for (const member of schema.anyOf ?? []) if (isObject(member)) collect(path, member, rows);
}

function isObject(schema: SchemaNode): boolean {
  return schema.type === 'object' && schema.properties !== undefined;
}

function typeName(schema: SchemaNode): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.anyOf) return schema.anyOf.map(typeName).join(' \\| ');
  if (schema.patternProperties) return `{ <domain>: ${typeName(Object.values(schema.patternProperties)[0])} }`;
  if (schema.type === 'array') return `${typeName(schema.items ?? {})}[]`;
  if (schema.type === 'object') return 'object';
  return schema.type ?? 'any';
}

function table(rows: FieldRow[]): string {
  const lines = ['| field | type | default | paper | description |', '| --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    const s = row.schema;
    const description = [s.description ?? '', range(s), row.required ? 'Required.' : ''].filter(Boolean).join(' ');
    lines.push(`| \`${row.path}\` | ${row.type} | ${cell(s.default)} | ${cell(s.paper)} | ${escapeCell(description)} |`);
  }
  return lines.join('\n');
}

function range(s: SchemaNode): string {
  const bounds = [
    s.minimum !== undefined ? `≥ ${s.minimum}` : '',
    s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : '',
    s.maximum !== undefined ? `≤ ${s.maximum}` : '',
    s.exclusiveMaximum !== undefined ? `< ${s.exclusiveMaximum}` : '',
  ].filter(Boolean);
  return bounds.length > 0 ? `Range: ${bounds.join(', ')}.` : '';
}

function cell(value: unknown): string {
  if (value === undefined) return '';
  return escapeCell(`\`${JSON.stringify(value)}\``);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
