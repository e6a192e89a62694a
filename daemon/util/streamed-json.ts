/**
 * A JSON answer too large to build as one string: its text is produced part by part, each part
 * only when the reader has taken the previous ones (the outbox pulls them as the socket drains), so
 * the answer is never held whole and never built faster than it is read. Any array in it may be a
 * ChunkedArray, whose elements are computed a chunk at a time while that chunk is printed.
 *
 * The parts join to exactly what JSON.stringify prints for the same value (a ChunkedArray prints
 * whole through toJSON), which is how the tests compare them.
 */

/** Characters per part: a few WebSocket frames' worth, small beside the outbox's high-water mark. */
const PART_CHARS = 64 * 1024;

export class ChunkedArray<T> {
  constructor(
    readonly length: number,
    /** Elements [from, to). */
    readonly slice: (from: number, to: number) => T[],
    /** Elements computed and printed at once: thousands of numbers, or a few large objects. */
    readonly chunkLength = 2048,
  ) {}

  toJSON(): T[] {
    return this.slice(0, this.length);
  }
}

export class StreamedJson<T> {
  /** What the text parses to; for the type checker only. */
  declare readonly decodesTo: T;

  constructor(private readonly value: unknown) {}

  toJSON(): unknown {
    return this.value;
  }

  *parts(partChars = PART_CHARS): Generator<string> {
    let part = '';
    for (const piece of pieces(this.value)) {
      part += piece;
      if (part.length >= partChars) {
        yield part;
        part = '';
      }
    }
    if (part) yield part;
  }
}

function* pieces(value: unknown): Generator<string> {
  if (value instanceof ChunkedArray) {
    yield '[';
    for (let from = 0; from < value.length; from += value.chunkLength) {
      const text = JSON.stringify(value.slice(from, Math.min(value.length, from + value.chunkLength)));
      yield from === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`;
    }
    yield ']';
  } else if (Array.isArray(value) && value.some(isComposite)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      // As JSON.stringify: an array element that cannot be printed is null.
      yield* printable(value[i]) ? pieces(value[i]) : ['null'];
    }
    yield ']';
  } else if (isComposite(value) && !Array.isArray(value)) {
    yield '{';
    let first = true;
    for (const [key, member] of Object.entries(value)) {
      // As JSON.stringify: a member that cannot be printed is left out.
      if (!printable(member)) continue;
      yield `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      yield* pieces(member);
    }
    yield '}';
  } else {
    // Primitives and arrays of primitives: one native call.
    yield JSON.stringify(value);
  }
}

/** Printed member by member: a ChunkedArray, or an object or array that JSON.stringify would not hand to its own toJSON. */
function isComposite(value: unknown): value is object {
  if (value instanceof ChunkedArray) return true;
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

function printable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}
