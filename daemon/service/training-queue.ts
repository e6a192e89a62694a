/**
 * Runs waiting for a training slot, first in first out, with at most `concurrency` training at
 * once (default 1: two trainings on 2 cores each run at half speed and finish no sooner).
 */
import type { TrainingProcess } from './training-process';

export class TrainingQueue {
  private readonly waiting: string[] = [];
  private readonly active = new Map<string, TrainingProcess>();

  constructor(readonly concurrency: number, private readonly launch: (runId: string) => TrainingProcess) {}

  enqueue(runId: string): void {
    this.waiting.push(runId);
    this.pump();
  }

  /** Takes a run out of the waiting line; false if it was not waiting. */
  withdraw(runId: string): boolean {
    const index = this.waiting.indexOf(runId);
    if (index >= 0) this.waiting.splice(index, 1);
    return index >= 0;
  }

  processOf(runId: string): TrainingProcess | undefined {
    return this.active.get(runId);
  }

  activeProcesses(): TrainingProcess[] {
    return [...this.active.values()];
  }

  /** Nothing new starts after this (daemon shutdown). */
  close(): void {
    this.waiting.length = 0;
  }

  private pump(): void {
    while (this.active.size < this.concurrency && this.waiting.length > 0) {
      const runId = this.waiting.shift()!;
      const process = this.launch(runId);
      this.active.set(runId, process);
      void process.finished.then(() => {
        this.active.delete(runId);
        this.pump();
      });
    }
  }
}
