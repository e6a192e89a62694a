import { UserError } from '../../util/user-error';
import type { DecompressedFile } from './decompressed-file';
import { decodeUtf8OrFail } from './utf8';

export interface Line {
  /** 1-based, as editors count. */
  number: number;
  text: string;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * The file's lines, without their line breaks (\n or \r\n). Lines are split on bytes before
 * decoding: 0x0A never occurs inside a multi-byte UTF-8 character, and a bad byte can then be
 * reported with both its line and its offset.
 */
export async function* readLines(file: DecompressedFile): AsyncGenerator<Line> {
  let partial: Uint8Array[] = [];
  let lineNumber = 0;
  let lineOffset = 0;
  const decodeLine = (bytes: Uint8Array): Line => {
    lineNumber++;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
    const text = decodeUtf8OrFail(bytes.subarray(0, end), (relative) => {
      throw new UserError(`${file.path}:${lineNumber}: not valid UTF-8 at byte ${lineOffset + relative}${file.compression === 'none' ? '' : ' of the decompressed content'}; convert the file to UTF-8`);
    });
    lineOffset += bytes.length + 1;
    return { number: lineNumber, text: lineNumber === 1 && text.startsWith('\uFEFF') ? text.slice(1) : text };
  };
  for await (const chunk of file.chunks()) {
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, newline);
      yield decodeLine(partial.length === 0 ? piece : Buffer.concat([...partial, piece]));
      partial = [];
      start = newline + 1;
    }
    if (start < chunk.length) partial.push(chunk.subarray(start));
  }
  if (partial.length > 0) yield decodeLine(Buffer.concat(partial));
}
