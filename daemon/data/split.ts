import type { TokenArray } from './types';

export interface SplitStream {
  train: TokenArray;
  validation: TokenArray;
}

/**
 * Holds out the last `fraction` of a domain's tokens. The cut moves to the nearest document start
 * when one lies within half the held-out size of the exact cut, so that validation is made of whole
 * documents where the domain has them; otherwise (a few long documents) it cuts mid-document.
 */
export function splitValidation(tokens: TokenArray, documentStarts: readonly number[], fraction: number): SplitStream {
  const heldOut = Math.max(1, Math.round(tokens.length * fraction));
  const exactCut = tokens.length - heldOut;
  const nearestStart = nearestValue(documentStarts, exactCut);
  const cut = nearestStart !== undefined && nearestStart > 0 && Math.abs(nearestStart - exactCut) <= heldOut / 2 ? nearestStart : exactCut;
  return { train: tokens.subarray(0, cut), validation: tokens.subarray(cut) };
}

/** The element of an ascending array closest to `target`. */
function nearestValue(sorted: readonly number[], target: number): number | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < target) low = middle + 1;
    else high = middle;
  }
  const candidates = [sorted[low - 1], sorted[low]].filter((v) => v !== undefined);
  return candidates.sort((a, b) => Math.abs(a - target) - Math.abs(b - target))[0];
}
