/**
 * AdamW (Loshchilov & Hutter): Adam with weight decay decoupled from the gradient, applied to
 * matrices only, as PyTorch's torch.optim.AdamW computes it:
 *   p ← p·(1 − lr·λ)                       (matrices only)
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   p ← p − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε)
 */
import * as tf from '@tensorflow/tfjs-core';
import { assignFlat, flatten, type Parameter } from './parameters';

export interface AdamWSettings {
  beta1: number;
  beta2: number;
  weightDecay: number;
  epsilon?: number;
}

/** What a checkpoint stores; moments are flat, in the parameters' order. */
export interface AdamWState {
  step: number;
  firstMoment: Float32Array;
  secondMoment: Float32Array;
}

const DEFAULT_EPSILON = 1e-8;

export class AdamW {
  private step = 0;
  private readonly firstMoment: tf.Variable[];
  private readonly secondMoment: tf.Variable[];

  constructor(
    private readonly parameters: readonly Parameter[],
    private readonly settings: AdamWSettings,
  ) {
    const zerosLike = () => parameters.map((p) => tf.variable(tf.zerosLike(p.variable), false));
    [this.firstMoment, this.secondMoment] = tf.tidy(() => [zerosLike(), zerosLike()]);
  }

  /** One update with `gradients` in the parameters' order. Call inside tf.tidy. */
  apply(gradients: readonly tf.Tensor[], learningRate: number): void {
    const { beta1, beta2, weightDecay, epsilon = DEFAULT_EPSILON } = this.settings;
    this.step += 1;
    const stepSize = learningRate / (1 - beta1 ** this.step);
    const secondMomentCorrection = Math.sqrt(1 - beta2 ** this.step);
    this.parameters.forEach(({ variable, decay }, i) => {
      const g = gradients[i];
      const m = tf.add(tf.mul(this.firstMoment[i], beta1), tf.mul(g, 1 - beta1));
      const v = tf.add(tf.mul(this.secondMoment[i], beta2), tf.mul(tf.square(g), 1 - beta2));
      this.firstMoment[i].assign(m);
      this.secondMoment[i].assign(v);
      const denominator = tf.add(tf.div(tf.sqrt(v), secondMomentCorrection), epsilon);
      const decayed = decay ? tf.mul(variable, 1 - learningRate * weightDecay) : variable;
      variable.assign(tf.sub(decayed, tf.mul(tf.div(m, denominator), stepSize)));
    });
  }

  state(): AdamWState {
    return { step: this.step, firstMoment: flatten(this.firstMoment), secondMoment: flatten(this.secondMoment) };
  }

  restore(state: AdamWState): void {
    this.step = state.step;
    assignFlat(this.firstMoment, state.firstMoment);
    assignFlat(this.secondMoment, state.secondMoment);
  }

  dispose(): void {
    for (const moment of [...this.firstMoment, ...this.secondMoment]) moment.dispose();
  }
}
