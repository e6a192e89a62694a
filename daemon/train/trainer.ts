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
import { assignFlat, flatten } from '../model/parameters';
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
  private readonly parameters: Float32Array;

  private constructor(
    readonly model: Gpt,
    private readonly optimizer: AdamW,
    private readonly replicas: ReplicaClient[],
    private readonly gradClip: number,
  ) {
    this.replicaVersions = replicas.map(() => -1);
    this.variables = model.parameters.map((p) => p.variable);
    this.parameters = flatten(this.variables);
  }

  static async create(options: TrainerOptions): Promise<Trainer> {
    const model = new Gpt(options.model, options.seed, kernelsFor(options.backend));
    const optimizer = new AdamW(model.parameters.map((p) => ({ size: p.variable.size, decay: p.decay })), options.optimizer);
    const starts = await Promise.allSettled(
      Array.from({ length: options.workers - 1 }, () => ReplicaClient.start({ backend: options.backend, model: options.model })),
    );
    const replicas = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    const trainer = new Trainer(model, optimizer, replicas, options.gradClip);
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
    let perSample: tf.Tensor1D | undefined;
    let gradients: Float32Array = new Float32Array(0);
    // Assigned, not returned: tf.tidy walks every element of a typed array it returns.
    tf.tidy(() => {
      const result = lossAndGradients(this.model, batch);
      perSample = result.perSample;
      gradients = flatten(result.gradients);
    });
    this.update(gradients, learningRate);
    return readAndDispose(perSample as tf.Tensor1D);
  }

  private async trainInParallel(batch: TokenBatch, learningRate: number): Promise<Float32Array> {
    const [local, ...remote] = this.shard(batch);
    const pending = this.dispatch('gradients', remote);
    let localPerSample: tf.Tensor1D | undefined;
    let localGradients: Float32Array = new Float32Array(0);
    // Assigned, not returned: tf.tidy walks every element of a typed array it returns.
    tf.tidy(() => {
      const result = lossAndGradients(this.model, local);
      localPerSample = result.perSample;
      localGradients = flatten(result.gradients);
    });
    const results = await pending;
    const shares = [local, ...remote].map((shard) => shard.size / batch.size);
    this.update(weightedSum([localGradients, ...results.map((r) => r.gradients as Float32Array)], shares), learningRate);
    return concat([readAndDispose(localPerSample as tf.Tensor1D), ...results.map((r) => r.perSample)]);
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
    const stale = this.replicaVersions.some((v) => v !== this.parametersVersion);
    const parameters = stale ? this.parameters : undefined;
    return Promise.all(
      shards.map((shard, i) => {
        const send = this.replicaVersions[i] !== this.parametersVersion ? parameters : undefined;
        this.replicaVersions[i] = this.parametersVersion;
        return this.replicas[i].request(kind, shard, send);
      }),
    );
  }
}

function weightedSum(arrays: Float32Array[], weights: number[]): Float32Array {
  const sum = new Float32Array(arrays[0].length);
  arrays.forEach((array, a) => {
    for (let i = 0; i < sum.length; i++) sum[i] += weights[a] * array[i];
  });
  return sum;
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
