/**
 * A progressive-growing GAN (Karras et al. 2018) in the middle of a fade-in from 4x4 to 8x8, in
 * plain ops: pixel norm, nearest upsampling (resizeNearestNeighbor), the faded-in low-resolution
 * path upsampled bilinearly (resizeBilinear), average-pool downsampling, minibatch stddev
 * (moments, sqrt, concat), LeakyReLU 0.2; WGAN loss with drift 1e-3 (no penalty: WGAN-GP covers
 * double backprop). Adam(1e-3, 0, 0.99) as in the paper.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FamilyStep } from './family.js';

const LATENT = 32;
const WIDTH = 32;

type Weights = Record<string, tf.Variable>;

function weight(shape: number[], seed: number): tf.Variable {
  return tf.variable(tf.randomNormal(shape, 0, 1 / Math.sqrt(shape.slice(0, -1).reduce((p, d) => p * d, 1)), 'float32', seed));
}

function buildWeights(seed: number): { g: Weights; d: Weights } {
  const w = (shape: number[], i: number) => weight(shape, seed * 32 + i);
  return {
    g: { dense: w([LATENT, 16 * WIDTH], 0), c4: w([3, 3, WIDTH, WIDTH], 1), rgb4: w([1, 1, WIDTH, 1], 2), c8: w([3, 3, WIDTH, WIDTH], 3), rgb8: w([1, 1, WIDTH, 1], 4) },
    d: { rgb8: w([1, 1, 1, WIDTH], 5), c8: w([3, 3, WIDTH, WIDTH], 6), rgb4: w([1, 1, 1, WIDTH], 7), c4: w([3, 3, WIDTH + 1, WIDTH], 8), out: w([16 * WIDTH, 1], 9) },
  };
}

/** x / sqrt(mean(x^2 over channels) + 1e-8). @param x [b, h, w, c] */
function pixelNorm(x: tf.Tensor4D): tf.Tensor4D {
  return tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), 1e-8)));
}

function convAct(x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  return tf.leakyRelu(tf.conv2d(x, w, 1, 'same'), 0.2);
}

/** G: z [b, 32] -> [b, 8, 8, 1], alpha the fade-in weight of the new 8x8 block. */
function generate(g: Weights, z: tf.Tensor2D, alpha: number): tf.Tensor4D {
  const b = z.shape[0];
  const zn = tf.reshape(pixelNorm(tf.reshape(z, [b, 1, 1, LATENT])), [b, LATENT]);
  let h = tf.reshape(tf.matMul(zn, g.dense), [b, 4, 4, WIDTH]) as tf.Tensor4D; // [b, 4, 4, W]
  h = pixelNorm(convAct(pixelNorm(tf.leakyRelu(h, 0.2)), g.c4 as tf.Tensor4D)); // [b, 4, 4, W]
  const low = tf.image.resizeBilinear(tf.conv2d(h, g.rgb4 as tf.Tensor4D, 1, 'same'), [8, 8]); // [b, 8, 8, 1]
  const up = tf.image.resizeNearestNeighbor(h, [8, 8]); // [b, 8, 8, W]
  const high = tf.conv2d(pixelNorm(convAct(up, g.c8 as tf.Tensor4D)), g.rgb8 as tf.Tensor4D, 1, 'same'); // [b, 8, 8, 1]
  return tf.add(tf.mul(alpha, high), tf.mul(1 - alpha, low)) as tf.Tensor4D;
}

/** Appends the batch-mean feature stddev as one more channel. @param x [b, h, w, c] -> [b, h, w, c+1] */
function minibatchStddev(x: tf.Tensor4D): tf.Tensor4D {
  const { variance } = tf.moments(x, 0); // [h, w, c]
  const s = tf.mean(tf.sqrt(tf.add(variance, 1e-8))); // scalar
  return tf.concat([x, tf.mul(tf.onesLike(tf.slice(x, [0, 0, 0, 0], [-1, -1, -1, 1])), s) as tf.Tensor4D], 3);
}

/** D: x [b, 8, 8, 1] -> score [b, 1]. */
function discriminate(d: Weights, x: tf.Tensor4D, alpha: number): tf.Tensor {
  const high = tf.avgPool(convAct(tf.leakyRelu(tf.conv2d(x, d.rgb8 as tf.Tensor4D, 1, 'same'), 0.2), d.c8 as tf.Tensor4D), 2, 2, 'valid');
  const low = tf.leakyRelu(tf.conv2d(tf.avgPool(x, 2, 2, 'valid'), d.rgb4 as tf.Tensor4D, 1, 'same'), 0.2);
  const h = convAct(minibatchStddev(tf.add(tf.mul(alpha, high), tf.mul(1 - alpha, low))), d.c4 as tf.Tensor4D); // [b, 4, 4, W]
  return tf.matMul(tf.reshape(h, [x.shape[0], 16 * WIDTH]), d.out);
}

export function progressiveFamily(batch: number, seed = 1, alpha = 0.5): FamilyStep {
  const { g, d } = buildWeights(seed);
  const gOpt = tf.train.adam(1e-3, 0, 0.99);
  const dOpt = tf.train.adam(1e-3, 0, 0.99);
  const real = tf.randomUniform([batch, 8, 8, 1], -1, 1, 'float32', seed) as tf.Tensor4D;
  const z = tf.randomNormal([batch, LATENT], 0, 1, 'float32', seed + 1) as tf.Tensor2D;
  const dLoss = (fake: tf.Tensor4D) => {
    const realScore = discriminate(d, real, alpha);
    const wasserstein = tf.sub(tf.mean(discriminate(d, fake, alpha)), tf.mean(realScore));
    return tf.add(wasserstein, tf.mul(1e-3, tf.mean(tf.square(realScore)))) as tf.Scalar;
  };
  return {
    name: 'progressive',
    step() {
      const fake = tf.tidy(() => generate(g, z, alpha));
      const dl = dOpt.minimize(() => dLoss(fake), true, Object.values(d))!;
      fake.dispose();
      const gl = gOpt.minimize(() => tf.neg(tf.mean(discriminate(d, generate(g, z, alpha), alpha))) as tf.Scalar, true, Object.values(g))!;
      const out = { dLoss: dl.dataSync()[0], gLoss: gl.dataSync()[0] };
      tf.dispose([dl, gl]);
      return out;
    },
    dispose() {
      tf.dispose([...Object.values(g), ...Object.values(d), real, z]);
      gOpt.dispose();
      dOpt.dispose();
    },
  };
}
