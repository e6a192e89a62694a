/** Reading results off the device. */
import * as tf from '@tensorflow/tfjs-core';

/** The tensor's values as a fresh array (safe to keep or transfer); the tensor is disposed. */
export function readAndDispose(tensor: tf.Tensor): Float32Array {
  const values = tensor.dataSync().slice() as Float32Array;
  tensor.dispose();
  return values;
}
