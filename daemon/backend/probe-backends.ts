/**
 * What `ado doctor` reports: every backend in "auto" order, each available (with its facts) or
 * not (with the reason). Loading a backend switches tfjs to it, so this is for a process that
 * only inspects, never one that trains.
 */
import * as tf from '@tensorflow/tfjs-core';
import { AUTO_ORDER, loadBackend, type LoadResult } from './load-backend';

export interface BackendReport {
  results: LoadResult[];
  /** What "auto" would pick. */
  chosen: LoadResult['name'] | null;
  tfjsCore: string;
}

export async function probeBackends(): Promise<BackendReport> {
  const results: LoadResult[] = [];
  for (const name of AUTO_ORDER) results.push(await loadBackend(name));
  return { results, chosen: results.find((r) => r.ok)?.name ?? null, tfjsCore: tf.version_core };
}
