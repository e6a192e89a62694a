/** Global-norm gradient clipping, as torch.nn.utils.clip_grad_norm_. */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Scales all gradients together so their joint L2 norm is at most `maxNorm` (0 disables).
 * Stays on the device: the scale is a tensor, so no step waits for the norm to be read back.
 */
export function clipByGlobalNorm(gradients: readonly tf.Tensor[], maxNorm: number): tf.Tensor[] {
  if (maxNorm <= 0) return [...gradients];
  const norm = tf.sqrt(tf.addN(gradients.map((g) => tf.sum(tf.square(g)))));
  // torch's 1e-6 keeps the division finite when every gradient is zero.
  const scale = tf.minimum(tf.div(maxNorm, tf.add(norm, 1e-6)), 1);
  return gradients.map((g) => tf.mul(g, scale));
}
