/**
 * How deep a JSON document from outside may nest: request params, HTTP bodies and run configs.
 * The parsers, validators and serialisers behind them (jsonc-parser, JSON.stringify, the config
 * rules) recurse once per level and overflow the stack at a few thousand; no request or run config
 * needs more than about eight levels. Both checks here are loops, so they run before anything
 * recursive sees the document.
 */
import { formatJsonPath, type JsonPath } from './config/diagnostics';

export const MAX_JSON_DEPTH = 64;

/** The path to the first object or array nested more than `limit` levels deep in `value`, if any. */
export function pathBeyondDepth(value: unknown, limit = MAX_JSON_DEPTH): JsonPath | undefined {
  if (!isContainer(value)) return undefined;
  const stack = [cursorOf(value)];
  const path: JsonPath = [];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next === top.size) {
      stack.pop();
      path.pop();
      continue;
    }
    const key = top.keys ? top.keys[top.next] : top.next;
    top.next++;
    const child = (top.container as Record<string | number, unknown>)[key];
    if (!isContainer(child)) continue;
    path.push(key);
    if (stack.length === limit) return path;
    stack.push(cursorOf(child));
  }
  return undefined;
}

/**
 * The offset of the first `{` or `[` that opens a level deeper than `limit` in JSON-with-comments
 * text, or -1. It skips strings and comments as jsonc-parser does (a string also ends at a line
 * break), and only a matching bracket closes a level, so it never counts fewer levels than the
 * parser will descend.
 */
export function offsetBeyondDepth(text: string, limit = MAX_JSON_DEPTH): number {
  const open: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') {
      if (open.length === limit) return i;
      open.push(c === '{' ? '}' : ']');
    } else if (c === '}' || c === ']') {
      if (open[open.length - 1] === c) open.pop();
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n' && text[i] !== '\r'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    }
  }
  return -1;
}

/** `params.config.a.b…`: where a too-deep value starts, without printing all of its levels. */
export function describeDeepPath(path: JsonPath, root: string): string {
  const shown = formatJsonPath([root, ...path.slice(0, 4)]);
  return path.length > 4 ? `${shown}…` : shown;
}

interface Cursor {
  container: object;
  keys: string[] | undefined;
  size: number;
  next: number;
}

function cursorOf(container: object): Cursor {
  const keys = Array.isArray(container) ? undefined : Object.keys(container);
  return { container, keys, size: keys ? keys.length : (container as unknown[]).length, next: 0 };
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
