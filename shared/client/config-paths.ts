/**
 * A run config names files relative to the config file. Sent to a daemon as a JSON value, it
 * has no file, so the sender (`ado submit`, the extension's "Submit Run") rewrites those paths as
 * absolute first; the daemon does the same against its own working directory for anything left.
 */
import { isAbsolute, resolve } from 'node:path';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A deep copy of `config` with every file path it names made absolute against `configDir`. */
export function absolutizeConfigPaths(config: unknown, configDir: string): unknown {
  if (!isObject(config)) return config;
  const copy = structuredClone(config);
  const absolute = (path: unknown) => (typeof path === 'string' && !isAbsolute(path) ? resolve(configDir, path) : path);
  const data = copy.data;
  if (isObject(data)) {
    if (Array.isArray(data.domains)) for (const domain of data.domains) if (isObject(domain)) domain.path = absolute(domain.path);
    if (isObject(data.source)) {
      const jsonl = data.source.jsonl;
      data.source.jsonl = Array.isArray(jsonl) ? jsonl.map(absolute) : absolute(jsonl);
    }
    if (isObject(data.tokenizer)) data.tokenizer.huggingface = absolute(data.tokenizer.huggingface);
  }
  const fixed = isObject(copy.mixture) ? copy.mixture.fixed : undefined;
  if (isObject(fixed) && fixed.file !== undefined) fixed.file = absolute(fixed.file);
  return copy;
}
