/** The trainer's handle on one replica worker thread: start it, send requests, await results. */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenBatch } from '../model/objective';
import { firstMessage } from '../util/first-message';
import { REPLICA_ROLE, type ReplicaMessage, type ReplicaRequest, type ReplicaWorkerData } from './replica-protocol';

export interface ReplicaResult {
  perSample: Float32Array;
}

/** The hidden CLI command that runs `serveReplica` inside the bundled `ado` (see cli/commands/train.ts). */
export const REPLICA_COMMAND = 'train-replica';

export class ReplicaClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (result: ReplicaResult) => void; reject: (error: Error) => void }>();
  private failure: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    /** The replica's gradients after a 'gradients' request, until its next request. */
    readonly gradients: Float32Array,
  ) {
    worker.on('message', (message: ReplicaMessage) => this.receive(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`a training replica exited (code ${code})`)));
  }

  static async start(data: Omit<ReplicaWorkerData, 'role'>): Promise<ReplicaClient> {
    const { script, eval: isSource, argv } = replicaScript();
    const worker = new Worker(script, { eval: isSource, argv, workerData: { role: REPLICA_ROLE, ...data } satisfies ReplicaWorkerData });
    const message = await firstMessage<ReplicaMessage>(worker, 'a training replica');
    if (message.type === 'ready') return new ReplicaClient(worker, new Float32Array(data.gradients));
    void worker.terminate();
    throw new Error(`a training replica failed to start: ${message.type === 'error' ? message.message : message.type}`);
  }

  request(kind: ReplicaRequest['kind'], batch: TokenBatch, parametersChanged: boolean): Promise<ReplicaResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const request: ReplicaRequest = { id, kind, batch, parametersChanged };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(request, [batch.inputs.buffer as ArrayBuffer, batch.targets.buffer as ArrayBuffer]);
    });
  }

  async terminate(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private receive(message: ReplicaMessage): void {
    if (message.type === 'ready') return;
    if (message.id === undefined) return this.fail(new Error(`training replica: ${message.type === 'error' ? message.message : 'unexpected message'}`));
    const waiter = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (message.type === 'error') waiter?.reject(new Error(`training replica: ${message.message}`));
    else waiter?.resolve({ perSample: message.perSample });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(this.failure);
    this.pending.clear();
  }
}

/**
 * What a replica thread runs. From a bundle (dist/*.js) it is the bundled CLI with its hidden
 * replica command, since every bundle sits beside dist/ado.js. From sources (tests, tsx) it is
 * replica.ts through tsx's require hook: a worker does not inherit tsx's `--import` loader.
 */
function replicaScript(): { script: string; eval: boolean; argv: string[] } {
  if (__filename.endsWith('.ts')) {
    const source = join(__dirname, 'replica.ts');
    return { script: `require('tsx/cjs'); require(${JSON.stringify(source)}).serveReplica();`, eval: true, argv: [] };
  }
  const cli = join(__dirname, 'ado.js');
  if (!existsSync(cli)) throw new Error(`cannot start training workers: ${cli} is missing (run "npm run build")`);
  return { script: cli, eval: false, argv: [REPLICA_COMMAND] };
}
