/** The worker-thread side of a data-parallel replica (see replica-protocol.ts). */
import * as tf from '@tensorflow/tfjs-core';
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from '../backend/select-backend';
import { Gpt } from '../model/gpt';
import { kernelsFor } from '../model/kernels';
import { lossAndGradients, perSampleLoss } from '../model/objective';
import { assignFlat, flattenInto } from '../model/parameters';
import { readAndDispose } from '../model/read-back';
import type { ReplicaMessage, ReplicaRequest, ReplicaWorkerData } from './replica-protocol';

export async function serveReplica(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveReplica must run in a worker thread');
  const post = (message: ReplicaMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const { backend, model: config, parameters, gradients: gradientBuffer } = workerData as ReplicaWorkerData;
  const sharedParameters = new Float32Array(parameters);
  const sharedGradients = new Float32Array(gradientBuffer);
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
      if (request.parametersChanged) assignFlat(variables, sharedParameters);
      const perSample = request.kind === 'gradients' ? gradients(model, request, sharedGradients) : losses(model, request);
      post({ type: 'result', id: request.id, perSample }, [perSample.buffer as ArrayBuffer]);
    } catch (error) {
      post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
    }
  });
  post({ type: 'ready' });
}

/** Writes the gradients into `out`; returns the per-sample losses. */
function gradients(model: Gpt, { batch }: ReplicaRequest, out: Float32Array): Float32Array {
  let perSample: tf.Tensor1D | undefined;
  tf.tidy(() => {
    const result = lossAndGradients(model, batch);
    perSample = result.perSample;
    flattenInto(result.gradients, out);
  });
  return readAndDispose(perSample as tf.Tensor1D);
}

function losses(model: Gpt, { batch }: ReplicaRequest): Float32Array {
  return readAndDispose(tf.tidy(() => perSampleLoss(model, batch)));
}
