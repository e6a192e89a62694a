/**
 * TensorBoard's scalar smoothing: an exponential moving average divided by (1 − w^k), so the first
 * points are not dragged towards zero by the EMA's zero initial value. Matching it exactly lets users
 * compare our curves with TensorBoard and W&B ("TensorBoard-compatible EMA") at the same slider value.
 */
export function debiasedEma(values: ArrayLike<number>, weight: number): Float64Array {
  const smoothed = new Float64Array(values.length);
  let accumulator = 0;
  let finiteCount = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    // Gaps (absent domains, diverged losses) pass through so they stay gaps instead of poisoning the average.
    if (!Number.isFinite(value)) {
      smoothed[i] = value;
      continue;
    }
    accumulator = accumulator * weight + (1 - weight) * value;
    finiteCount++;
    const debias = weight === 1 ? 1 : 1 - Math.pow(weight, finiteCount);
    smoothed[i] = accumulator / debias;
  }
  return smoothed;
}
