import type { InputFile } from './inputs';
import type { PrepareProgress } from './types';

export type OnProgress = ((progress: PrepareProgress) => void) | undefined;

/** Bytes done across a group of files; reports only when the count moves, not once per document. */
export class ProgressReporter {
  private readonly bytesTotal: number;
  private finishedBytes = 0;
  private lastReported = -1;

  constructor(private readonly label: string, files: readonly InputFile[], private readonly onProgress: OnProgress) {
    this.bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
    this.report(0);
  }

  /** `bytesReadInFile`: of the file being read now, on disk (compressed for .gz/.zst). */
  update(bytesReadInFile: number): void {
    this.report(this.finishedBytes + bytesReadInFile);
  }

  finishFile(file: InputFile): void {
    this.finishedBytes += file.size;
    this.report(this.finishedBytes);
  }

  private report(bytesDone: number): void {
    if (!this.onProgress || bytesDone === this.lastReported) return;
    this.lastReported = bytesDone;
    this.onProgress({ domain: this.label, bytesDone, bytesTotal: this.bytesTotal });
  }
}
