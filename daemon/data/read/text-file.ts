import { UserError } from '../../util/user-error';
import type { DecompressedFile } from './decompressed-file';
import { completeCharactersLength, decodeUtf8OrFail } from './utf8';

/** A text file's content as strings, chunk by chunk, failing with the byte offset of invalid UTF-8. */
export async function* readTextChunks(file: DecompressedFile): AsyncGenerator<string> {
  let carried: Uint8Array = new Uint8Array(0);
  let offset = 0;
  let first = true;
  const fail = (relative: number): never => {
    throw new UserError(`${file.path} is not valid UTF-8 at byte ${offset + relative}${file.compression === 'none' ? '' : ' of its decompressed content'}; convert it to UTF-8 (e.g. iconv -f latin1 -t utf-8)`);
  };
  for await (const chunk of file.chunks()) {
    const bytes = carried.length === 0 ? chunk : Buffer.concat([carried, chunk]);
    // Decode only whole characters; a character cut by the chunk boundary waits for the next chunk.
    const complete = completeCharactersLength(bytes);
    let text = decodeUtf8OrFail(bytes.subarray(0, complete), fail);
    if (first && text.startsWith('\uFEFF')) text = text.slice(1);
    first = false;
    offset += complete;
    carried = bytes.slice(complete);
    if (text.length > 0) yield text;
  }
  if (carried.length > 0) decodeUtf8OrFail(carried, fail);
}
