/**
 * Choosing the backend a run trains on. "auto" takes the first that loads (tensorflow, wasm,
 * cpu); an explicit choice either loads or fails with the reason — never a silent fallback, because
 * a user who asked for the GPU must not unknowingly train for hours on the CPU.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../../shared/config';
import type { BackendInfo } from '../../shared/protocol';
import { UserError } from '../util/user-error';
import { AUTO_ORDER, loadBackend, type ConcreteBackend, type LoadResult } from './load-backend';

export interface ActiveBackend extends BackendInfo {
  name: ConcreteBackend;
  /** Things the user should know, e.g. tfjs-node-gpu loaded without a GPU. */
  warnings: string[];
}

export async function selectBackend(requested: BackendName): Promise<ActiveBackend> {
  const candidates = requested === 'auto' ? AUTO_ORDER : [requested];
  const failures: Extract<LoadResult, { ok: false }>[] = [];
  for (const name of candidates) {
    const result = await loadBackend(name);
    if (result.ok) {
      // Silences tfjs's console chatter (the "install tfjs-node" banner) for the rest of the run.
      // Only now: load failures are reported through that same channel.
      tf.enableProdMode();
      const skipped = failures.filter((f) => f.installed).map((f) => `backend ${f.name} skipped: ${f.reason}`);
      return { name, gpu: result.gpu, detail: result.detail, warnings: [...skipped, ...result.warnings] };
    }
    failures.push(result);
  }
  if (requested === 'auto') {
    throw new UserError(`no tfjs backend could be loaded: ${failures.map((f) => `${f.name}: ${f.reason}`).join('; ')}`);
  }
  throw new UserError(
    `backend "${requested}" is not available: ${failures[0].reason}. Choose backend "auto" to take the best one available; "ado doctor" lists them.`,
  );
}
