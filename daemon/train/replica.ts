/** The worker-thread side of a data-parallel replica (see replica-protocol.ts). */
import * as tf from '@tensorflow/tfjs-core';
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from '../backend/select-backend';
import { Gpt } from '../model/gpt';
import { kernelsFor } from '../model/kernels';
import { lossAndGradients, perSampleLoss } from '../model/objective';
import { assignFlat, flatten } from '../model/parameters';
import { readAndDispose } from '../model/read-back';
import type { ReplicaMessage, ReplicaRequest, ReplicaWorkerData } from './replica-protocol';

export async function serveReplica(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveReplica must run in a worker thread');
  const post = (message: ReplicaMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const { backend, model: config } = workerData as ReplicaWorkerData;
  let model: Gpt;
  try {
    await selectBackend(backend);
    // The seed is irrelevant: the trainer sends its parameters with the first request.
    model = new Gpt(config, 0, kernelsFor(backend));
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  const variables = model.parameters.map((p) => p.variable);
  port.on('message', (request: ReplicaRequest) => {
    try {
      if (request.parameters) assignFlat(variables, request.parameters);
      const result: { perSample: Float32Array; gradients?: Float32Array } = request.kind === 'gradients' ? gradients(model, request) : losses(model, request);
      const transfer = [result.perSample, ...(result.gradients ? [result.gradients] : [])].map((array) => array.buffer as ArrayBuffer);
      post({ type: 'result', id: request.id, ...result }, transfer);
    } catch (error) {
      post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
    }
  });
  post({ type: 'ready' });
}

function gradients(model: Gpt, { batch }: ReplicaRequest): { perSample: Float32Array; gradients: Float32Array } {
  let perSample: tf.Tensor1D | undefined;
  let flat: Float32Array = new Float32Array(0);
  // Assigned, not returned: tf.tidy walks every element of a typed array it returns.
  tf.tidy(() => {
    const result = lossAndGradients(model, batch);
    perSample = result.perSample;
    flat = flatten(result.gradients);
  });
  return { perSample: readAndDispose(perSample as tf.Tensor1D), gradients: flat };
}

function losses(model: Gpt, { batch }: ReplicaRequest): { perSample: Float32Array } {
  return { perSample: readAndDispose(tf.tidy(() => perSampleLoss(model, batch))) };
}
