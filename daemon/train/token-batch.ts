/** Packs windows (x, y token views) into the model's input layout. */
import type { Window } from '../data';
import type { TokenBatch } from '../model/objective';

export function tokenBatch(windows: readonly Window[], contextLength: number): TokenBatch {
  const inputs = new Int32Array(windows.length * contextLength);
  const targets = new Int32Array(windows.length * contextLength);
  windows.forEach(({ x, y }, i) => {
    inputs.set(x, i * contextLength);
    targets.set(y, i * contextLength);
  });
  return { size: windows.length, length: contextLength, inputs, targets };
}

/** Rows [start, end) of a batch, copied (so it can be transferred to a worker). */
export function batchRows(batch: TokenBatch, start: number, end: number): TokenBatch {
  const from = start * batch.length;
  const to = end * batch.length;
  return { size: end - start, length: batch.length, inputs: batch.inputs.slice(from, to), targets: batch.targets.slice(from, to) };
}

/** Splits `size` rows into `parts` contiguous ranges whose sizes differ by at most one (empty ranges dropped). */
export function shardRanges(size: number, parts: number): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (let p = 0; p < parts; p++) {
    const end = start + Math.floor(size / parts) + (p < size % parts ? 1 : 0);
    if (end > start) ranges.push([start, end]);
    start = end;
  }
  return ranges;
}
