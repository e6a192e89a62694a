/**
 * The GPT decoder, readable top to bottom like nanoGPT's model.py:
 *   token + learned position embeddings → `layers` pre-LN blocks (causal multi-head attention,
 *   GELU MLP) → final LayerNorm → output head tied to the token embedding.
 *
 * Shape letters: B batch, T context length, C model width (dModel), H heads, D = C/H head width,
 * V vocabulary, F = mlpRatio·C MLP width.
 *
 * Written for the weakest backend (see /shared/docs/tfjs-on-cpu.md): slicing a big activation on
 * wasm copies the whole tensor out of the wasm heap, so the fused Q/K/V projection goes to the
 * attention core whole. The embedding lookup, the matrix products, the attention core, LayerNorm,
 * GELU and the loss come from `kernels`, chosen per backend (tf.gather's own gradient, for one, has
 * no wasm kernel).
 */
import * as tf from '@tensorflow/tfjs-core';
import { Random } from '../util/random';
import type { Kernels } from './kernels';
import { ParameterFactory, type Parameter } from './parameters';

export interface GptConfig {
  vocabSize: number;
  contextLength: number;
  layers: number;
  heads: number;
  dModel: number;
  mlpRatio: number;
}

interface Linear {
  weight: tf.Variable<tf.Rank.R2>; // [in, out]
  bias: tf.Variable<tf.Rank.R1>; // [out]
}

interface LayerNormParams {
  gain: tf.Variable<tf.Rank.R1>; // [C]
  bias: tf.Variable<tf.Rank.R1>; // [C]
}

interface Block {
  ln1: LayerNormParams;
  query: Linear;
  key: Linear;
  value: Linear;
  attnOut: Linear;
  ln2: LayerNormParams;
  fc: Linear;
  proj: Linear;
}

const INIT_STD = 0.02;

export class Gpt {
  readonly parameters: readonly Parameter[];
  private readonly tokenEmbedding: tf.Variable<tf.Rank.R2>; // [V, C], also the output head
  private readonly positionEmbedding: tf.Variable<tf.Rank.R2>; // [T, C]
  private readonly blocks: Block[];
  private readonly finalNorm: LayerNormParams;

  constructor(
    readonly config: GptConfig,
    seed: number,
    private readonly kernels: Kernels,
  ) {
    if (config.dModel % config.heads !== 0) throw new Error(`dModel ${config.dModel} is not divisible by heads ${config.heads}`);
    const { vocabSize: V, contextLength: T, dModel: C, layers } = config;
    const F = config.mlpRatio * C;
    const factory = new ParameterFactory(new Random(seed));
    // GPT-2: residual projections scaled down so the residual stream's variance does not grow with depth.
    const residualStd = INIT_STD / Math.sqrt(2 * layers);
    const linear = (name: string, inputs: number, outputs: number, std = INIT_STD): Linear => ({
      weight: factory.matrix(`${name}.weight`, inputs, outputs, std),
      bias: factory.vector(`${name}.bias`, outputs, 0),
    });
    const layerNorm = (name: string): LayerNormParams => ({
      gain: factory.vector(`${name}.gain`, C, 1),
      bias: factory.vector(`${name}.bias`, C, 0),
    });
    // Inside tidy: tf.variable() copies its initial tensor and leaves it behind otherwise.
    const created = insideTidy(() => ({
      tokenEmbedding: factory.matrix('wte', V, C, INIT_STD),
      positionEmbedding: factory.matrix('wpe', T, C, INIT_STD),
      blocks: Array.from({ length: layers }, (_, i): Block => ({
        ln1: layerNorm(`h.${i}.ln1`),
        query: linear(`h.${i}.attn.query`, C, C),
        key: linear(`h.${i}.attn.key`, C, C),
        value: linear(`h.${i}.attn.value`, C, C),
        attnOut: linear(`h.${i}.attn.out`, C, C, residualStd),
        ln2: layerNorm(`h.${i}.ln2`),
        fc: linear(`h.${i}.mlp.fc`, C, F),
        proj: linear(`h.${i}.mlp.proj`, F, C, residualStd),
      })),
      finalNorm: layerNorm('lnf'),
    }));
    this.tokenEmbedding = created.tokenEmbedding;
    this.positionEmbedding = created.positionEmbedding;
    this.blocks = created.blocks;
    this.finalNorm = created.finalNorm;
    this.parameters = factory.created;
  }

  /** Per-sample mean token cross-entropy in nats: inputs and targets [B, T] int32 → [B]. */
  perSampleLoss(inputs: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
    return this.kernels.crossEntropy(this.logits(inputs), targets);
  }

  /** Next-token logits: inputs [B, T] int32 → [B·T, V]. */
  logits(inputs: tf.Tensor2D): tf.Tensor2D {
    const [B, T] = inputs.shape;
    const { contextLength, dModel: C } = this.config;
    if (T !== contextLength) throw new Error(`expected windows of ${contextLength} tokens, got ${T}`);
    const tokens = tf.reshape<tf.Rank.R3>(this.kernels.embed(tf.reshape<tf.Rank.R1>(inputs, [B * T]), this.tokenEmbedding), [B, T, C]);
    let x: tf.Tensor3D = tf.add(tokens, this.positionEmbedding); // [B, T, C]
    for (const block of this.blocks) {
      x = tf.add(x, this.attention(block, this.layerNorm(x, block.ln1)));
      x = tf.add(x, this.mlp(block, this.layerNorm(x, block.ln2)));
    }
    const h = tf.reshape<tf.Rank.R2>(this.layerNorm(x, this.finalNorm), [B * T, C]);
    return this.kernels.matMul(h, tf.transpose(this.tokenEmbedding)); // [B·T, V]
  }

  dispose(): void {
    for (const p of this.parameters) p.variable.dispose();
  }

  /** Causal self-attention: [B, T, C] → [B, T, C]. */
  private attention(block: Block, x: tf.Tensor3D): tf.Tensor3D {
    const [B, T, C] = x.shape;
    const rows = tf.reshape<tf.Rank.R2>(x, [B * T, C]);
    // One product makes Q, K and V: fewer, larger products, forward and backward. The parameters
    // stay separate (checkpoints name them).
    const weight = tf.concat([block.query.weight, block.key.weight, block.value.weight], 1); // [C, 3C]
    const bias = tf.concat([block.query.bias, block.key.bias, block.value.bias]); // [3C]
    const qkv = tf.reshape<tf.Rank.R3>(this.kernels.matMul(rows, weight, bias), [B, T, 3 * C]);
    const mixed = this.kernels.attention(qkv, this.config.heads); // [B, T, C]
    return tf.reshape<tf.Rank.R3>(this.linear(tf.reshape<tf.Rank.R2>(mixed, [B * T, C]), block.attnOut), [B, T, C]);
  }

  /** Position-wise MLP: [B, T, C] → [B, T, F] → [B, T, C]. */
  private mlp(block: Block, x: tf.Tensor3D): tf.Tensor3D {
    const [B, T, C] = x.shape;
    const hidden = this.kernels.gelu(this.linear(tf.reshape<tf.Rank.R2>(x, [B * T, C]), block.fc)); // [B·T, F]
    return tf.reshape<tf.Rank.R3>(this.linear(hidden, block.proj), [B, T, C]);
  }

  /** [N, in] → [N, out] */
  private linear(x: tf.Tensor2D, { weight, bias }: Linear): tf.Tensor2D {
    return this.kernels.matMul(x, weight, bias);
  }

  /** Normalises each position's C features: [B, T, C] → [B, T, C]. */
  private layerNorm(x: tf.Tensor3D, { gain, bias }: LayerNormParams): tf.Tensor3D {
    return this.kernels.layerNorm(x, gain, bias);
  }
}

/** Runs `build` in a tf.tidy scope and returns what it built (tidy's own typing only returns tensors). */
function insideTidy<T>(build: () => T): T {
  let built: T | undefined;
  tf.tidy(() => {
    built = build();
  });
  return built as T;
}

