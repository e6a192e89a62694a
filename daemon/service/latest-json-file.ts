/**
 * A JSON file rewritten often (a policy snapshot) without blocking the event loop: the write, its
 * fsync and the rename run on libuv's thread pool, where a slow disk's fsync (tens to hundreds of
 * ms) cannot stall every client of the daemon. While one write is in flight, newer contents replace
 * each other and only the newest is written next. The file is replaced atomically (temp + rename):
 * a reader sees the old contents or the new, never a torn file.
 */
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export class LatestJsonFile {
  private next: string | undefined;
  private writing: Promise<void> | undefined;

  /** `onError`: a failed write is reported there; the next write tries again. */
  constructor(private readonly path: string, private readonly onError: (error: Error) => void) {}

  /** Serialises `value` now (the caller may change it afterwards) and writes it soon. */
  write(value: unknown): void {
    this.next = JSON.stringify(value);
    this.writing ??= this.drain();
  }

  /** Resolves once everything written so far is on disk. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    while (this.next !== undefined) {
      const text = this.next;
      this.next = undefined;
      await replaceFile(this.path, text).catch(this.onError);
    }
    this.writing = undefined;
  }
}

async function replaceFile(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const file = await open(temp, 'w', 0o644);
  try {
    await file.writeFile(text);
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(temp, { force: true });
    throw error;
  }
  await file.close();
  await rename(temp, path);
}
