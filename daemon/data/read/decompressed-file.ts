/**
 * Opens a data file as a stream of its (decompressed) bytes: plain, gzip (.gz) or Zstandard (.zst),
 * chosen by the file name. Large files are read in chunks and never held whole in memory.
 */
import { createReadStream } from 'node:fs';
import { pipeline, Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import { UserError } from '../../util/user-error';

const CHUNK_BYTES = 1 << 20;

export type Compression = 'none' | 'gzip' | 'zstd';

function compressionOf(path: string): Compression {
  if (/\.gz$/i.test(path)) return 'gzip';
  if (/\.zst$/i.test(path)) return 'zstd';
  return 'none';
}

export interface DecompressedFile {
  readonly path: string;
  readonly compression: Compression;
  chunks(): AsyncGenerator<Uint8Array>;
  /** Bytes of the file on disk consumed so far (compressed bytes for .gz/.zst), for progress. */
  bytesRead(): number;
}

export function openDecompressed(path: string): DecompressedFile {
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const compression = compressionOf(path);
  const decoded: Readable =
    compression === 'none'
      ? file
      : pipeline(file, compression === 'gzip' ? createGunzip() : zstdDecompressor(), () => {
          // Errors surface through iteration of the returned stream, where they are reported with the file name.
        });
  return {
    path,
    compression,
    bytesRead: () => file.bytesRead,
    async *chunks() {
      try {
        for await (const chunk of decoded) yield chunk as Uint8Array;
      } catch (error) {
        throw new UserError(`cannot read ${path}${compression === 'none' ? '' : ` as ${compression}`}: ${(error as Error).message}`);
      } finally {
        file.destroy();
      }
    },
  };
}

/** fzstd only offers a push-style decompressor; this wraps it as a Node stream. */
function zstdDecompressor(): Transform {
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      pushOrFail(() => decompressor.push(chunk), done);
    },
    flush(done) {
      pushOrFail(() => decompressor.push(new Uint8Array(0), true), done);
    },
  });
  // fzstd may hand out views of its own buffers; copy before they can be reused.
  const decompressor = new Decompress((data) => transform.push(Buffer.from(data)));
  return transform;
}

function pushOrFail(push: () => void, done: (error?: Error) => void): void {
  try {
    push();
    done();
  } catch (error) {
    done(error as Error);
  }
}
