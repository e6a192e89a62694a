/**
 * Strict UTF-8 decoding that can say where a file stops being UTF-8. TextDecoder's fatal mode
 * rejects bad input but does not report the offset, so on failure we locate it by bisection.
 */

// ignoreBOM: a decode call per chunk would otherwise drop a U+FEFF that happens to start a chunk.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes complete UTF-8 text, or calls `fail` with the offset of the first byte that is not valid. */
export function decodeUtf8OrFail(bytes: Uint8Array, fail: (invalidOffset: number) => never): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return fail(firstInvalidOffset(bytes));
  }
}

/**
 * A prefix with a valid start can always be extended, so "is bytes[0, n) a valid start?" flips
 * once, from yes to no; the first n where it says no ends at the offending byte.
 */
function firstInvalidOffset(bytes: Uint8Array): number {
  let valid = 0;
  let invalid = bytes.length + 1;
  while (invalid - valid > 1) {
    const middle = (valid + invalid) >>> 1;
    if (isValidStart(bytes.subarray(0, middle))) valid = middle;
    else invalid = middle;
  }
  // Every prefix is a valid start only when the text ends inside a character: point at that character.
  return valid > bytes.length - 1 ? completeCharactersLength(bytes) : valid;
}

function isValidStart(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Length of the longest prefix that does not end inside a multi-byte character. */
export function completeCharactersLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    const sequenceLength = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return sequenceLength > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}
