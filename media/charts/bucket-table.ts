/**
 * Rows of numeric columns that merge into buckets of a growing size, so that a run of any length
 * (60,000 steps, or days of streaming) fits in a fixed amount of memory at a uniform density along
 * the run. Server-side history arrives already bucket-averaged; live rows then join buckets of the
 * same size, so the backfilled part and the live tail are drawn at one resolution.
 *
 * Each cell keeps the mean of the raw values it covers and how many there were: NaN marks an absent
 * value (a domain missing from a batch), and merging weights each side by what it really averaged.
 */
export class BucketTable {
  private readonly means: Float64Array[];
  private readonly counts: Float64Array[];
  private readonly rowWeights: Float64Array;
  private length = 0;
  /** Raw rows a bucket may hold before a new one is started. Doubles at each compaction. */
  private bucketSize = 1;

  constructor(
    readonly columnCount: number,
    readonly capacity: number,
  ) {
    if (capacity < 2 || capacity % 2 !== 0) throw new Error('BucketTable capacity must be even and at least 2');
    this.means = Array.from({ length: columnCount }, () => new Float64Array(capacity));
    this.counts = Array.from({ length: columnCount }, () => new Float64Array(capacity));
    this.rowWeights = new Float64Array(capacity);
  }

  get rows(): number {
    return this.length;
  }

  /** One raw row. */
  append(values: ArrayLike<number>): void {
    this.appendAveraged(values, 1);
  }

  /** A row that already averages `weight` raw rows, e.g. a bucket of the daemon's downsampled history. */
  appendAveraged(values: ArrayLike<number>, weight: number): void {
    this.bucketSize = Math.max(this.bucketSize, weight);
    const last = this.length - 1;
    if (last >= 0 && this.rowWeights[last] + weight <= this.bucketSize) {
      this.mergeValues(last, values, weight);
      return;
    }
    if (this.length === this.capacity) this.compact();
    const row = this.length++;
    for (let c = 0; c < this.columnCount; c++) {
      const value = values[c];
      const present = Number.isFinite(value);
      this.means[c][row] = present ? value : NaN;
      this.counts[c][row] = present ? weight : 0;
    }
    this.rowWeights[row] = weight;
  }

  /** The column's values, one per row. A view: valid until the next change. */
  column(column: number): Float64Array {
    return this.means[column].subarray(0, this.length);
  }

  value(column: number, row: number): number {
    return this.means[column][row];
  }

  /** The last row's value, or NaN when empty. */
  last(column: number): number {
    return this.length > 0 ? this.means[column][this.length - 1] : NaN;
  }

  /** Drops every row from the first one whose `column` value is at least `threshold`. */
  truncateFrom(column: number, threshold: number): void {
    const values = this.means[column];
    let keep = 0;
    while (keep < this.length && !(values[keep] >= threshold)) keep++;
    this.length = keep;
  }

  private mergeValues(row: number, values: ArrayLike<number>, weight: number): void {
    for (let c = 0; c < this.columnCount; c++) {
      const value = values[c];
      if (Number.isFinite(value)) this.mergeCell(c, row, value, weight);
    }
    this.rowWeights[row] += weight;
  }

  private mergeCell(column: number, row: number, mean: number, count: number): void {
    const previous = this.counts[column][row];
    const total = previous + count;
    this.means[column][row] = previous === 0 ? mean : (this.means[column][row] * previous + mean * count) / total;
    this.counts[column][row] = total;
  }

  /** Halves the row count by merging neighbours pairwise. */
  private compact(): void {
    const half = this.length >> 1;
    for (let row = 0; row < half; row++) {
      const left = 2 * row;
      const right = left + 1;
      for (let c = 0; c < this.columnCount; c++) {
        this.means[c][row] = this.means[c][left];
        this.counts[c][row] = this.counts[c][left];
        if (this.counts[c][right] > 0) this.mergeCell(c, row, this.means[c][right], this.counts[c][right]);
      }
      this.rowWeights[row] = this.rowWeights[left] + this.rowWeights[right];
    }
    this.length = half;
    this.bucketSize *= 2;
  }
}
