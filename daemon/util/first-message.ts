/**
 * A new worker thread's first message (its ready or error report). Rejects if the thread fails or
 * exits before it sends one, so a caller never waits on a worker that died while starting.
 */
import type { Worker } from 'node:worker_threads';

export function firstMessage<T>(worker: Worker, who: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`${who} exited while starting (code ${code})`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.once('message', (message: T) => {
      worker.off('error', reject);
      worker.off('exit', onExit);
      resolve(message);
    });
  });
}
