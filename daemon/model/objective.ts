/**
 * The training objective: the mean over the batch of each sample's mean token cross-entropy. ADO
 * needs the per-sample terms (grouped by domain), so they come back alongside the gradients; they
 * are the losses of the batch just trained on, computed before the update (ado-algorithm.md §2).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Gpt } from './gpt';
import './register-gradients';

/** B windows of T+1 tokens, split into inputs and next-token targets, each B·T row-major. */
export interface TokenBatch {
  size: number; // B
  length: number; // T
  inputs: Int32Array;
  targets: Int32Array;
}

/** Per-sample losses [B]. Call inside tf.tidy. */
export function perSampleLoss(model: Gpt, batch: TokenBatch): tf.Tensor1D {
  const { inputs, targets } = toTensors(batch);
  return model.perSampleLoss(inputs, targets);
}

/**
 * Gradients of the batch's mean loss, in the model's parameter order, and the per-sample losses.
 * Call inside tf.tidy; `perSample` is kept out of every tidy scope, so the caller disposes it.
 */
export function lossAndGradients(model: Gpt, batch: TokenBatch): { perSample: tf.Tensor1D; gradients: tf.Tensor[] } {
  const { inputs, targets } = toTensors(batch);
  const variables = model.parameters.map((p) => p.variable);
  let perSample: tf.Tensor1D | undefined;
  const { grads } = tf.variableGrads(() => {
    // variableGrads disposes everything its function creates except the returned scalar.
    perSample = tf.keep(model.perSampleLoss(inputs, targets));
    return tf.mean(perSample);
  }, variables);
  return { perSample: perSample as tf.Tensor1D, gradients: variables.map((v) => grads[v.name]) };
}

function toTensors({ size, length, inputs, targets }: TokenBatch): { inputs: tf.Tensor2D; targets: tf.Tensor2D } {
  return { inputs: tf.tensor2d(inputs, [size, length], 'int32'), targets: tf.tensor2d(targets, [size, length], 'int32') };
}
