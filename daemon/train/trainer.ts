/**
 * One optimizer step and one evaluation pass over a batch, on the local model alone or split
 * across data-parallel replicas.
 *
 * With replicas, each computes the gradient of its rows' mean loss; the trainer averages them
 * weighted by row count (= the gradient of the whole batch's mean loss), clips and applies AdamW.
 * The trainer keeps the parameters flat in JavaScript as the master copy: AdamW updates them there,
 * and they go as they are to replicas and checkpoints; the local model's variables are refreshed
 * from them after each update.
 * Results match a single worker up to float32 summation order (the batch mean is summed in pieces),
 * so losses agree to about 1e-6 rather than bit for bit.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ConcreteBackend } from '../backend/load-backend';
import { AdamW, type AdamWSettings, type AdamWState } from '../model/adamw';
import { clipScale } from '../model/clip-gradients';
import { Gpt, type GptConfig } from '../model/gpt';
import { kernelsFor } from '../model/kernels';
import { lossAndGradients, perSampleLoss, type TokenBatch } from '../model/objective';
import { assignFlat, flattenInto, parameterCount } from '../model/parameters';
import { readAndDispose } from '../model/read-back';
import { ReplicaClient, type ReplicaResult } from './replica-client';
import { batchRows, shardRanges } from './token-batch';

export interface TrainerOptions {
  model: GptConfig;
  seed: number;
  backend: ConcreteBackend;
  /** Threads that share each batch, this one included. */
  workers: number;
  optimizer: AdamWSettings;
  gradClip: number;
}

/** What a checkpoint needs to restore a trainer exactly. */
export interface TrainerState {
  parameters: Float32Array;
  optimizer: AdamWState;
}

export class Trainer {
  /** Bumped whenever the parameters change, so replicas receive them only when stale. */
  private parametersVersion = 0;
  private readonly replicaVersions: number[];
  private readonly variables: tf.Variable[];
  /** This thread's gradients of the current step, reused across steps. */
  private readonly gradients: Float32Array;

  private constructor(
    readonly model: Gpt,
    /** The master copy, in shared memory that replicas read (replica-protocol.ts). */
    private readonly parameters: Float32Array,
    private readonly optimizer: AdamW,
    private readonly replicas: ReplicaClient[],
    private readonly gradClip: number,
  ) {
    this.replicaVersions = replicas.map(() => -1);
    this.variables = model.parameters.map((p) => p.variable);
    this.gradients = new Float32Array(parameters.length);
  }

  static async create(options: TrainerOptions): Promise<Trainer> {
    const model = new Gpt(options.model, options.seed, kernelsFor(options.backend));
    const optimizer = new AdamW(model.parameters.map((p) => ({ size: p.variable.size, decay: p.decay })), options.optimizer);
    const bytes = parameterCount(model.parameters) * Float32Array.BYTES_PER_ELEMENT;
    const shared = flattenInto(
      model.parameters.map((p) => p.variable),
      new Float32Array(new SharedArrayBuffer(bytes)),
    );
    const starts = await Promise.allSettled(
      Array.from({ length: options.workers - 1 }, () =>
        ReplicaClient.start({ backend: options.backend, model: options.model, parameters: shared.buffer as SharedArrayBuffer, gradients: new SharedArrayBuffer(bytes) }),
      ),
    );
    const replicas = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    const trainer = new Trainer(model, shared, optimizer, replicas, options.gradClip);
    if (failed) {
      // The replicas that did start would otherwise keep the process alive.
      await trainer.dispose();
      throw failed.reason;
    }
    return trainer;
  }

  /** Trains on `batch`; returns each sample's loss before the update. */
  async train(batch: TokenBatch, learningRate: number): Promise<Float32Array> {
    return this.replicas.length === 0 ? this.trainLocally(batch, learningRate) : this.trainInParallel(batch, learningRate);
  }

  /** Each sample's loss under the current parameters (no update). */
  async evaluate(batch: TokenBatch): Promise<Float32Array> {
    const [local, ...remote] = this.shard(batch);
    const pending = this.dispatch('losses', remote);
    const localLosses = readAndDispose(tf.tidy(() => perSampleLoss(this.model, local)));
    return concat([localLosses, ...(await pending).map((r) => r.perSample)]);
  }

  state(): TrainerState {
    return { parameters: this.parameters.slice(), optimizer: this.optimizer.state() };
  }

  restore(state: TrainerState): void {
    this.optimizer.restore(state.optimizer);
    this.parameters.set(state.parameters);
    assignFlat(this.variables, this.parameters);
    this.parametersVersion++;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.terminate()));
    this.model.dispose();
  }

  private trainLocally(batch: TokenBatch, learningRate: number): Float32Array {
    const perSample = this.localGradients(batch);
    this.update(this.gradients, learningRate);
    return readAndDispose(perSample);
  }

  private async trainInParallel(batch: TokenBatch, learningRate: number): Promise<Float32Array> {
    const [local, ...remote] = this.shard(batch);
    const pending = this.dispatch('gradients', remote);
    const localPerSample = this.localGradients(local);
    const results = await pending;
    const shares = [local, ...remote].map((shard) => shard.size / batch.size);
    this.update(weightedSumInto(this.gradients, [this.gradients, ...this.replicas.map((r) => r.gradients)], shares), learningRate);
    return concat([readAndDispose(localPerSample), ...results.map((r) => r.perSample)]);
  }

  /** The gradients of `batch`'s mean loss into this.gradients; returns the per-sample losses (to dispose). */
  private localGradients(batch: TokenBatch): tf.Tensor1D {
    let perSample: tf.Tensor1D | undefined;
    tf.tidy(() => {
      const result = lossAndGradients(this.model, batch);
      perSample = result.perSample;
      flattenInto(result.gradients, this.gradients);
    });
    return perSample as tf.Tensor1D;
  }

  private update(gradients: Float32Array, learningRate: number): void {
    this.optimizer.apply(this.parameters, gradients, learningRate, clipScale(gradients, this.gradClip));
    assignFlat(this.variables, this.parameters);
    this.parametersVersion++;
  }

  /** Contiguous row ranges: the first stays here, one per replica after it. */
  private shard(batch: TokenBatch): TokenBatch[] {
    return shardRanges(batch.size, this.replicas.length + 1).map(([start, end]) => batchRows(batch, start, end));
  }

  private dispatch(kind: 'gradients' | 'losses', shards: TokenBatch[]): Promise<ReplicaResult[]> {
    return Promise.all(
      shards.map((shard, i) => {
        const changed = this.replicaVersions[i] !== this.parametersVersion;
        this.replicaVersions[i] = this.parametersVersion;
        return this.replicas[i].request(kind, shard, changed);
      }),
    );
  }
}

/** Σ weights[a]·arrays[a], written into `out` (which may be one of the arrays: each element is read before it is written). */
function weightedSumInto(out: Float32Array, arrays: Float32Array[], weights: number[]): Float32Array {
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let a = 0; a < arrays.length; a++) sum += weights[a] * arrays[a][i];
    out[i] = sum;
  }
  return out;
}

function concat(arrays: Float32Array[]): Float32Array {
  const out = new Float32Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const array of arrays) {
    out.set(array, offset);
    offset += array.length;
  }
  return out;
}
