/** Global-norm gradient clipping, as torch.nn.utils.clip_grad_norm_. */

/**
 * The factor that brings the joint L2 norm of all gradients (flat) down to at most `maxNorm`: 1
 * when it is already within, or when `maxNorm` is 0 (clipping off).
 */
export function clipScale(gradients: Float32Array, maxNorm: number): number {
  if (maxNorm <= 0) return 1;
  let sumOfSquares = 0;
  for (let i = 0; i < gradients.length; i++) sumOfSquares += gradients[i] * gradients[i];
  // torch's 1e-6 keeps the division finite when every gradient is zero.
  return Math.min(maxNorm / (Math.sqrt(sumOfSquares) + 1e-6), 1);
}
