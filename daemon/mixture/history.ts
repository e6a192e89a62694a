/**
 * ADO's per-observation record (the reference's task_loss_TxK and task_cnt_TxK, ado.py:122-162),
 * kept compact for 60,000 steps × 22 domains:
 *   - losses as float32, one series per domain (≈5 MB), as the reference stores them;
 *   - samples as one batch total per observation when every domain's n advances by the whole batch
 *     (sameStepSize), otherwise K counts per observation; cumulative sums are kept alongside so n is
 *     a lookup.
 * Absent domains are imputed the reference's way: the domain's previous value, or at the very first
 * observation the batch mean (count-weighted over the present domains, since the trainer reports
 * per-domain means).
 */

/** JSON form of a LossHistory: plain arrays, losses written with the 9 significant digits that
 *  round-trip a float32 exactly (about half the characters of a float64 rendering). */
export interface LossHistoryState {
  /** losses[k][row]: domain k's recorded loss at each observation (nats). */
  losses: number[][];
  /** Samples of each observation: the batch total (sameStepSize) or K per-domain counts per row. */
  samples: number[];
}

const INITIAL_CAPACITY = 1024;

export class LossHistory {
  private rows = 0;
  private lossSeries: Float32Array[];
  /** Per row: samples (width 1 or K), and their running sum. */
  private samples: Float64Array;
  private cumulative: Float64Array;
  private readonly width: number;

  constructor(readonly domainCount: number, readonly sameStepSize: boolean) {
    this.width = sameStepSize ? 1 : domainCount;
    this.lossSeries = Array.from({ length: domainCount }, () => new Float32Array(INITIAL_CAPACITY));
    this.samples = new Float64Array(INITIAL_CAPACITY * this.width);
    this.cumulative = new Float64Array(INITIAL_CAPACITY * this.width);
  }

  /** Observations recorded. */
  get length(): number {
    return this.rows;
  }

  /** Records one observation: `counts[k]` samples of domain k with mean loss `losses[k]` (null when absent). */
  append(counts: ArrayLike<number>, losses: ArrayLike<number | null>): void {
    this.reserve(this.rows + 1);
    const row = this.rows;
    const firstLoss = row === 0 ? batchMeanLoss(counts, losses) : 0;
    for (let k = 0; k < this.domainCount; k++) {
      const loss = losses[k];
      const present = counts[k] > 0 && loss !== null;
      this.lossSeries[k][row] = present ? loss : row === 0 ? firstLoss : this.lossSeries[k][row - 1];
    }
    const base = row * this.width;
    if (this.sameStepSize) {
      let total = 0;
      for (let k = 0; k < this.domainCount; k++) total += counts[k];
      this.recordSamples(base, total);
    } else {
      for (let k = 0; k < this.domainCount; k++) this.recordSamples(base + k, counts[k]);
    }
    this.rows++;
  }

  /** Domain k's recorded losses, one per observation (a view, valid until the next append). */
  losses(k: number): Float32Array {
    return this.lossSeries[k].subarray(0, this.rows);
  }

  /** Samples counted towards domain k's n up to and including observation `row`. */
  samplesSeen(k: number, row: number): number {
    return this.cumulative[row * this.width + (this.sameStepSize ? 0 : k)];
  }

  toState(): LossHistoryState {
    return {
      losses: this.lossSeries.map((series) => Array.from(series.subarray(0, this.rows), (x) => Number(x.toPrecision(9)))),
      samples: Array.from(this.samples.subarray(0, this.rows * this.width)),
    };
  }

  static fromState(domainCount: number, sameStepSize: boolean, state: LossHistoryState): LossHistory {
    const history = new LossHistory(domainCount, sameStepSize);
    const rows = state.samples.length / history.width;
    if (!Number.isInteger(rows) || state.losses.length !== domainCount || state.losses.some((s) => s.length !== rows)) {
      throw new Error('ADO state: the loss and sample histories do not match the number of domains');
    }
    history.reserve(rows);
    state.losses.forEach((series, k) => history.lossSeries[k].set(series));
    for (let i = 0; i < rows * history.width; i++) history.recordSamples(i, state.samples[i]);
    history.rows = rows;
    return history;
  }

  private recordSamples(index: number, samples: number): void {
    this.samples[index] = samples;
    this.cumulative[index] = samples + (index >= this.width ? this.cumulative[index - this.width] : 0);
  }

  private reserve(rows: number): void {
    const capacity = this.lossSeries[0]?.length ?? 0;
    if (rows <= capacity) return;
    const grown = Math.max(rows, capacity * 2);
    this.lossSeries = this.lossSeries.map((series) => copyInto(new Float32Array(grown), series));
    this.samples = copyInto(new Float64Array(grown * this.width), this.samples);
    this.cumulative = copyInto(new Float64Array(grown * this.width), this.cumulative);
  }
}

function copyInto<T extends Float32Array | Float64Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

/** The count-weighted mean loss of the domains present in the batch. */
function batchMeanLoss(counts: ArrayLike<number>, losses: ArrayLike<number | null>): number {
  let weighted = 0;
  let samples = 0;
  for (let k = 0; k < counts.length; k++) {
    const loss = losses[k];
    if (counts[k] > 0 && loss !== null) {
      weighted += counts[k] * loss;
      samples += counts[k];
    }
  }
  return weighted / samples;
}
