/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013): keeps the points that carry a curve's visual
 * shape, spikes included, which plain striding or averaging would flatten. Returns indices so that
 * every column of a row (x in steps, tokens or time) can be picked consistently.
 * Non-finite y values are skipped: the chart draws them as gaps either way.
 */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, maxPoints: number): number[] {
  const finite: number[] = [];
  for (let i = 0; i < ys.length; i++) if (Number.isFinite(ys[i]) && Number.isFinite(xs[i])) finite.push(i);
  if (finite.length <= maxPoints || maxPoints < 3) return finite;

  const kept = [finite[0]];
  const bucketSize = (finite.length - 2) / (maxPoints - 2);
  let previous = finite[0];
  for (let bucket = 0; bucket < maxPoints - 2; bucket++) {
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.floor((bucket + 1) * bucketSize) + 1;
    // The next bucket's centroid stands in for the point that will be chosen there.
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, finite.length);
    let centroidX = 0;
    let centroidY = 0;
    for (let j = end; j < nextEnd; j++) {
      centroidX += xs[finite[j]];
      centroidY += ys[finite[j]];
    }
    const nextCount = Math.max(nextEnd - end, 1);
    centroidX /= nextCount;
    centroidY /= nextCount;

    let best = finite[start];
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const index = finite[j];
      const area = Math.abs(
        (xs[previous] - centroidX) * (ys[index] - ys[previous]) - (xs[previous] - xs[index]) * (centroidY - ys[previous]),
      );
      if (area > bestArea) {
        bestArea = area;
        best = index;
      }
    }
    kept.push(best);
    previous = best;
  }
  kept.push(finite[finite.length - 1]);
  return kept;
}
