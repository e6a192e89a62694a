/**
 * Contiguous groups of table rows, used where every series must share one x grid (stacked areas,
 * heatmap columns) and per-series decimation would misalign them.
 */
export interface RowGroup {
  start: number;
  /** Exclusive. */
  end: number;
}

export function rowGroups(rowCount: number, maxGroups: number): RowGroup[] {
  const groupCount = Math.min(rowCount, Math.max(1, maxGroups));
  return Array.from({ length: rowCount === 0 ? 0 : groupCount }, (_, g) => ({
    start: Math.floor((g * rowCount) / groupCount),
    end: Math.floor(((g + 1) * rowCount) / groupCount),
  }));
}

/** The mean of the finite values in each group; NaN where a group has none. */
export function groupMeans(values: ArrayLike<number>, groups: readonly RowGroup[]): Float64Array {
  const means = new Float64Array(groups.length);
  groups.forEach(({ start, end }, g) => {
    let sum = 0;
    let count = 0;
    for (let i = start; i < end; i++) {
      if (Number.isFinite(values[i])) {
        sum += values[i];
        count++;
      }
    }
    means[g] = count > 0 ? sum / count : NaN;
  });
  return means;
}

/**
 * Where each group begins and ends on the x axis: halfway to the neighbouring groups' rows, so
 * that heatmap cells tile the axis without gaps or overlaps.
 */
export function groupEdges(xs: ArrayLike<number>, groups: readonly RowGroup[]): Float64Array {
  const edges = new Float64Array(groups.length + 1);
  if (groups.length === 0) return edges;
  edges[0] = xs[groups[0].start];
  for (let g = 1; g < groups.length; g++) edges[g] = (xs[groups[g].start - 1] + xs[groups[g].start]) / 2;
  edges[groups.length] = xs[groups[groups.length - 1].end - 1];
  return edges;
}
