/** Starting values for sections a quick fix or a completion inserts, derived from the schema. */
import type { SchemaNode } from '../../shared/config/schema-node';
import { shapes } from './schema-navigation';
import { uniformWeights } from './weights';

export function templateValue(schema: SchemaNode, domains: readonly string[]): unknown {
  const shape = shapes(schema)[0];
  if (shape.const !== undefined) return shape.const;
  if (schema.default !== undefined && typeof schema.default !== 'object') return schema.default;
  switch (shape.type) {
    case 'object':
      return shape.patternProperties ? uniformWeights(domains) : objectTemplate(shape, domains);
    case 'array':
      return shape.items && (shape.minItems ?? 0) > 0 ? [templateValue(shape.items, domains)] : [];
    case 'number':
    case 'integer':
      return shape.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      return '';
  }
}

/**
 * The required keys; a section without any (like `data` or `mixture.fixed`) still needs something
 * the defaults cannot supply, so it gets its first key that has no default.
 */
function objectTemplate(shape: SchemaNode, domains: readonly string[]): Record<string, unknown> {
  const properties = shape.properties ?? {};
  const needed = shape.required?.length
    ? shape.required
    : Object.keys(properties).filter((key) => properties[key].default === undefined).slice(0, 1);
  return Object.fromEntries(needed.map((key) => [key, templateValue(properties[key], domains)]));
}
