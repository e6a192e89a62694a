/**
 * The JSON Schema keywords that tools read from the run-config schema (TypeBox schemas are plain
 * JSON Schema): the language server, the config editor's form and the generated config reference.
 */
export interface SchemaNode {
  title?: string;
  description?: string;
  default?: unknown;
  /** The value the ADO paper uses (see schema.ts). */
  paper?: unknown;
  const?: unknown;
  type?: string;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  minItems?: number;
  anyOf?: SchemaNode[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
}
