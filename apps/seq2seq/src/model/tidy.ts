/** tf.tidy for functions returning our own result interfaces (objects of tensors and numbers). */
import * as tf from '@tensorflow/tfjs-core';

/** Runs `f` in a tidy scope: every tensor it makes is disposed except those in its result. */
export function tidyOf<T>(f: () => T): T {
  return tf.tidy(f as unknown as () => tf.TensorContainer) as unknown as T;
}
