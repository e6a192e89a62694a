/**
 * Finds the part of the run-config schema that governs a place in a config, so that hover,
 * completion and quick fixes take their text and values from the one schema definition.
 */
import type { JSONPath } from 'jsonc-parser';
import { RunConfig } from '../../shared/config';
import type { SchemaNode } from '../../shared/config/schema-node';

const root = RunConfig as unknown as SchemaNode;

/** The schema declared at `path`, unions kept whole (their description sits on the union). */
export function schemaAt(path: JSONPath): SchemaNode | undefined {
  let current: SchemaNode[] = [root];
  for (const segment of path) current = current.flatMap(shapes).flatMap((s) => childSchemas(s, segment));
  return current[0];
}

/** The concrete shapes a schema allows: itself, or each member of its union. */
export function shapes(schema: SchemaNode): SchemaNode[] {
  return schema.anyOf ? schema.anyOf.flatMap(shapes) : [schema];
}

/** The object shape among a schema's alternatives that declares named keys, if any. */
export function objectShape(schema: SchemaNode | undefined): SchemaNode | undefined {
  return schema && shapes(schema).find((s) => s.properties);
}

/** True where keys are free (domain names), as in `mixture.prior` and `mixture.fixed.weights`. */
export function isKeyedByDomain(schema: SchemaNode | undefined): boolean {
  return !!schema && shapes(schema).some((s) => s.patternProperties);
}

function childSchemas(schema: SchemaNode, segment: string | number): SchemaNode[] {
  if (typeof segment === 'number') return schema.items ? [schema.items] : [];
  const declared = schema.properties?.[segment];
  return declared ? [declared] : Object.values(schema.patternProperties ?? {});
}
