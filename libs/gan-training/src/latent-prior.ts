/**
 * What a generator's input is drawn from. Unconditional: z ~ N(0, I), [n, latentDim].
 * Class-conditional (Mirza & Osindero 2014): [z | onehot(c)], [n, latentDim + classes], c uniform,
 * so the step, the probes and the views draw, keep and feed latents as before; `labelsOf` reads
 * the one-hot part back (e.g. for a projection critic).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@stablegen/random';
import { fixedLatent } from './fixed-latent.js';

export interface LatentPrior {
  /** Columns of a latent batch: latentDim + classes. */
  readonly dim: number;
  /** Classes of the one-hot part (0 = unconditional). */
  readonly classes: number;
  /** [n, dim] drawn from `rng` (one nextSeed for z, then n draws of c). */
  sample(n: number, rng: Rng): tf.Tensor2D;
  /** [n, dim] from the seed alone (sample grids, evaluation); classes in turn, c_i = i mod classes. */
  fixed(n: number, seed: number): tf.Tensor2D;
}

const withLabels = (z: tf.Tensor2D, labels: ArrayLike<number>, classes: number): tf.Tensor2D =>
  tf.tidy(() => tf.concat([z, tf.cast(tf.oneHot(tf.tensor1d(Array.from(labels), 'int32'), classes), 'float32') as tf.Tensor2D], 1));

/** N(0, I) in `latentDim` dimensions, plus one-hot labels of `classes` classes when classes > 0. */
export function latentPrior(latentDim: number, classes = 0): LatentPrior {
  if (!Number.isInteger(classes) || classes < 0) throw new Error(`latentPrior: classes must be a non-negative integer, got ${classes}`);
  const label = (z: tf.Tensor2D, draw: (i: number) => number): tf.Tensor2D => {
    if (classes === 0) return z;
    const out = withLabels(z, Array.from({ length: z.shape[0] }, (_, i) => draw(i)), classes);
    z.dispose();
    return out;
  };
  return {
    dim: latentDim + classes,
    classes,
    sample: (n, rng) => label(tf.randomNormal([n, latentDim], 0, 1, 'float32', rng.nextSeed()), () => rng.int(classes)),
    fixed: (n, seed) => label(fixedLatent(n, latentDim, seed), (i) => i % classes),
  };
}

/** The one-hot labels [n, classes] inside a class-conditional latent batch [n, latentDim + classes]. */
export function labelsOf(latent: tf.Tensor2D, classes: number): tf.Tensor2D {
  return tf.slice(latent, [0, latent.shape[1] - classes], [-1, classes]);
}
