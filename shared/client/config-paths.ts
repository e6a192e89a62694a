/**
 * A run config names files relative to the config file. Sent to a daemon as a JSON value, it
 * has no file, so the sender (`ado submit`, the extension's "Submit Run") rewrites those paths as
 * absolute first; the daemon does the same against its own working directory for anything left.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileFields } from '../config/file-fields';

/** A deep copy of `config` with every file path it names made absolute against `configDir`. */
export function absolutizeConfigPaths(config: unknown, configDir: string): unknown {
  const copy = structuredClone(config);
  for (const { path, file } of fileFields(copy)) {
    if (isAbsolute(file)) continue;
    const parent = path.slice(0, -1).reduce((value, key) => value[key] as Container, copy as Container);
    parent[path[path.length - 1]] = resolve(configDir, file);
  }
  return copy;
}

type Container = Record<string | number, unknown>;
