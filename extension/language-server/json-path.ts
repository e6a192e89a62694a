/**
 * Reads back the paths that shared/config's formatJsonPath writes (`data.domains[0].path`). Only for
 * paths made of schema keys: a domain name holding "." or "[" cannot be told apart from nesting.
 */
import type { JSONPath } from 'jsonc-parser';

export function parseJsonPath(path: string): JSONPath {
  return [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]));
}
