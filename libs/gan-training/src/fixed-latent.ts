/**
 * A fixed latent batch, drawn from the config seed alone (not from the run's step stream), so
 * samples at every step and after a resume come from the same z and progress is visible.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@stablegen/random';

/** [n, dim] standard normal; the caller keeps it for the run and disposes it at the end. */
export function fixedLatent(n: number, dim: number, seed: number): tf.Tensor2D {
  const rng = createRng(seed * 7919 + 17);
  return tf.tensor2d(Float32Array.from({ length: n * dim }, () => rng.normal()), [n, dim]);
}
