/**
 * Messages between the trainer and its data-parallel replicas (worker threads). A replica holds a
 * copy of the model and computes, for its share of a batch, the gradient of the share's mean loss
 * and the per-sample losses. It never updates weights itself: the trainer applies one AdamW update
 * and says so in the next request, so replicas cannot drift apart and the optimizer state lives in
 * one place (the checkpoint's).
 *
 * Parameters and gradients travel through shared memory, not messages: the trainer's flat
 * parameters live in a SharedArrayBuffer every replica reads, and each replica writes its gradients
 * into a SharedArrayBuffer of its own. Copying and collecting 1.8 MB arrays per message made the
 * garbage collector's threads take cores from training. Each side touches a buffer only between
 * receiving a message and sending the next, so the messages order the accesses.
 */
import type { ConcreteBackend } from '../backend/load-backend';
import type { GptConfig } from '../model/gpt';
import type { TokenBatch } from '../model/objective';

export const REPLICA_ROLE = 'ado-train-replica';

export interface ReplicaWorkerData {
  role: typeof REPLICA_ROLE;
  backend: ConcreteBackend;
  model: GptConfig;
  /** The trainer's parameters, flat in the model's order (Float32 values); the replica only reads them. */
  parameters: SharedArrayBuffer;
  /** Where the replica writes the gradients of a 'gradients' request, same layout. */
  gradients: SharedArrayBuffer;
}

export type ReplicaRequest = {
  id: number;
  kind: 'gradients' | 'losses';
  batch: TokenBatch;
  /** The shared parameters changed since the replica last loaded them. */
  parametersChanged: boolean;
};

export type ReplicaMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; perSample: Float32Array }
  | { type: 'error'; id?: number; message: string };
