/**
 * Messages between the trainer and its data-parallel replicas (worker threads). A replica holds a
 * copy of the model and computes, for its share of a batch, the gradient of the share's mean loss
 * and the per-sample losses. It never updates weights itself: the trainer applies one AdamW update
 * and sends the new parameters with the next request, so replicas cannot drift apart and the
 * optimizer state lives in one place (the checkpoint's).
 */
import type { ConcreteBackend } from '../backend/load-backend';
import type { GptConfig } from '../model/gpt';
import type { TokenBatch } from '../model/objective';

export const REPLICA_ROLE = 'ado-train-replica';

export interface ReplicaWorkerData {
  role: typeof REPLICA_ROLE;
  backend: ConcreteBackend;
  model: GptConfig;
}

export type ReplicaRequest = {
  id: number;
  kind: 'gradients' | 'losses';
  batch: TokenBatch;
  /** Present when the replica's copy is stale: every parameter, flat, in the model's order. */
  parameters?: Float32Array;
};

export type ReplicaMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; perSample: Float32Array; gradients?: Float32Array }
  | { type: 'error'; id?: number; message: string };
