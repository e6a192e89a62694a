/**
 * Strict UTF-8 decoding that can say where a file stops being UTF-8. TextDecoder's fatal mode
 * rejects bad input but does not report the offset, so on failure we locate it by bisection.
 */

// ignoreBOM: a decode call per chunk would otherwise drop a U+FEFF that happens to start a chunk.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes complete UTF-8 text, or calls `fail` with the offset of the first character that is not valid. */
export function decodeUtf8OrFail(bytes: Uint8Array, fail: (invalidOffset: number) => never): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return fail(firstInvalidOffset(bytes));
  }
}

/**
 * "Is bytes[0, n) the start of valid text?" flips once as n grows, from yes to no. The longest
 * valid start ends either at the bad byte or inside the character it breaks; report where that
 * character begins, which is where an editor would show the problem.
 */
function firstInvalidOffset(bytes: Uint8Array): number {
  let valid = 0;
  let invalid = bytes.length + 1;
  while (invalid - valid > 1) {
    const middle = (valid + invalid) >>> 1;
    if (isValidStart(bytes.subarray(0, middle))) valid = middle;
    else invalid = middle;
  }
  return completeCharactersLength(bytes.subarray(0, valid));
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
