/** The domain names a config declares, read from its text even when it does not validate yet. */
import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';

export function declaredDomains(tree: Node): string[] {
  const listed = findNodeAtLocation(tree, ['data', 'domains']);
  if (listed?.type === 'array') {
    return (listed.children ?? [])
      .map((domain) => findNodeAtLocation(domain, ['name'])?.value)
      .filter((name): name is string => typeof name === 'string' && name.length > 0);
  }
  const kept = findNodeAtLocation(tree, ['data', 'source', 'domains']);
  const names: unknown = kept ? getNodeValue(kept) : [];
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string' && n.length > 0) : [];
}
