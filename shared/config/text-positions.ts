/** Offsets ↔ line/character positions in a config's text. */
import type { Node } from 'jsonc-parser';
import type { Position, Range } from './diagnostics';

export class TextPositions {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.lineStarts[lo] };
  }

  rangeOf(offset: number, length: number): Range {
    return { start: this.positionAt(offset), end: this.positionAt(offset + Math.max(length, 0)) };
  }

  nodeRange(node: Node): Range {
    return this.rangeOf(node.offset, node.length);
  }

  /** The whole document when there is no better place to point at. */
  documentStart(): Range {
    return this.rangeOf(0, Math.min(1, this.text.length));
  }
}
