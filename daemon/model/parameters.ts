/**
 * A model's trainable tensors as an ordered, named list. The order is the layout of the flat
 * Float32Array form that checkpoints store and data-parallel workers exchange.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Random } from '../util/random';

export interface Parameter {
  /** Stable, human-readable name (e.g. "h.0.attn.wq"); tfjs's own variable names must be unique per process, so they are not used. */
  name: string;
  variable: tf.Variable;
  /** AdamW decays matrices only, never gains and biases. */
  decay: boolean;
}

/** Creates parameters with values drawn from a seeded generator, so every backend and every replica starts identical. */
export class ParameterFactory {
  readonly created: Parameter[] = [];

  constructor(private readonly rng: Random) {}

  /** A weight matrix drawn from N(0, std²); decayed. */
  matrix(name: string, rows: number, columns: number, std: number): tf.Variable<tf.Rank.R2> {
    const values = new Float32Array(rows * columns);
    for (let i = 0; i < values.length; i++) values[i] = std * this.rng.normal();
    return this.add(name, tf.tensor2d(values, [rows, columns]), true);
  }

  /** A gain or bias vector filled with `value`; not decayed. */
  vector(name: string, size: number, value: number): tf.Variable<tf.Rank.R1> {
    return this.add(name, tf.fill([size], value), false);
  }

  private add<R extends tf.Rank>(name: string, initial: tf.Tensor<R>, decay: boolean): tf.Variable<R> {
    const variable = tf.variable(initial, true);
    this.created.push({ name, variable, decay });
    return variable;
  }
}

export function parameterCount(parameters: readonly Parameter[]): number {
  return parameters.reduce((sum, p) => sum + p.variable.size, 0);
}

/** Concatenates the values of `tensors` (in order) into one Float32Array. */
export function flatten(tensors: readonly tf.Tensor[]): Float32Array {
  return flattenInto(tensors, new Float32Array(tensors.reduce((sum, t) => sum + t.size, 0)));
}

/** Concatenates the values of `tensors` (in order) into `out`, which must hold exactly that many; returns it. */
export function flattenInto(tensors: readonly tf.Tensor[], out: Float32Array): Float32Array {
  let offset = 0;
  for (const tensor of tensors) {
    out.set(tensor.dataSync() as Float32Array, offset);
    offset += tensor.size;
  }
  if (offset !== out.length) throw new Error(`expected ${out.length} values, got ${offset}`);
  return out;
}

/** Views of `flat` cut to the sizes of `like`, in order (no copy). */
export function split(flat: Float32Array, like: readonly { size: number }[]): Float32Array[] {
  const total = like.reduce((sum, t) => sum + t.size, 0);
  if (flat.length !== total) throw new Error(`expected ${total} values, got ${flat.length}`);
  let offset = 0;
  return like.map(({ size }) => flat.subarray(offset, (offset += size)));
}

/** Overwrites each tensor variable with its slice of `flat`. */
export function assignFlat(variables: readonly tf.Variable[], flat: Float32Array): void {
  const slices = split(flat, variables);
  // Copies: the cpu backend keeps the array it is given, and the caller may reuse `flat`.
  tf.tidy(() => variables.forEach((v, i) => v.assign(tf.tensor(slices[i].slice(), v.shape))));
}
