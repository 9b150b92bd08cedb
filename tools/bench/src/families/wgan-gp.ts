/**
 * WGAN-GP (Gulrajani et al. 2017) on the reference DCGAN shapes: critic loss
 * mean D(fake) - mean D(real) + 10 * mean((||grad_xhat D(xhat)||_2 - 1)^2), xhat = e*real + (1-e)*fake,
 * which needs double backprop through the critic; then a generator step on -mean D(G(z)).
 * Adam(1e-4, 0.5, 0.9) as in the paper.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initializers, layers, sequential, type Sequential } from '@tensorflow/tfjs-layers';
import { createReferenceDcgan, disposeReferenceDcgan, IMAGE_SHAPE, LATENT_SIZE } from '../reference-dcgan.js';
import type { FamilyStep } from './family.js';

export type CriticActivation = 'leakyRelu' | 'relu';

/** The reference discriminator's architecture with a choice of activation. Output [b, 1]. */
export function buildCritic(activation: CriticActivation, seed: number): Sequential {
  const conv = { kernelSize: 4, strides: 2, padding: 'same' as const };
  const init = (i: number) => initializers.randomNormal({ mean: 0, stddev: 0.02, seed: seed * 16 + 8 + i });
  const act = () => (activation === 'leakyRelu' ? layers.leakyReLU({ alpha: 0.2 }) : layers.reLU());
  return sequential({
    layers: [
      layers.conv2d({ inputShape: [...IMAGE_SHAPE], filters: 32, ...conv, kernelInitializer: init(0) }), // [b, 14, 14, 32]
      act(),
      layers.conv2d({ filters: 64, ...conv, kernelInitializer: init(1) }), // [b, 7, 7, 64]
      act(),
      layers.flatten(),
      layers.dense({ units: 1, kernelInitializer: init(2) }),
    ],
  });
}

/** The gradient penalty mean((||grad D(xhat)|| - 1)^2). @param xhat [b, 28, 28, 1] */
export function gradientPenalty(critic: Sequential, xhat: tf.Tensor4D): tf.Scalar {
  const grad = tf.grad((x: tf.Tensor) => tf.sum(critic.apply(x) as tf.Tensor))(xhat); // [b, 28, 28, 1]
  const norms = tf.sqrt(tf.add(tf.sum(tf.square(grad), [1, 2, 3]), 1e-12)); // [b]
  return tf.mean(tf.square(tf.sub(norms, 1)));
}

function vars(m: Sequential): tf.Variable[] {
  return m.trainableWeights.map((w) => w.read() as tf.Variable);
}

/** The WGAN-GP family step (one critic update, one generator update) on a fixed batch. */
export function wganGpFamily(batch: number, activation: CriticActivation = 'leakyRelu', seed = 1): FamilyStep {
  const base = createReferenceDcgan(seed);
  const critic = buildCritic(activation, seed);
  const cOpt = tf.train.adam(1e-4, 0.5, 0.9);
  const gOpt = tf.train.adam(1e-4, 0.5, 0.9);
  const real = tf.randomUniform([batch, ...IMAGE_SHAPE], -1, 1, 'float32', seed) as tf.Tensor4D;
  const z = tf.randomNormal([batch, LATENT_SIZE], 0, 1, 'float32', seed + 1) as tf.Tensor2D;
  const e = tf.randomUniform([batch, 1, 1, 1], 0, 1, 'float32', seed + 2);
  const criticLoss = (fake: tf.Tensor4D) => {
    const xhat = tf.add(tf.mul(e, real), tf.mul(tf.sub(1, e), fake)) as tf.Tensor4D;
    const wasserstein = tf.sub(tf.mean(critic.apply(fake) as tf.Tensor), tf.mean(critic.apply(real) as tf.Tensor));
    return tf.add(wasserstein, tf.mul(10, gradientPenalty(critic, xhat))) as tf.Scalar;
  };
  return {
    name: 'wgan-gp',
    step() {
      const fake = tf.tidy(() => base.generator.apply(z) as tf.Tensor4D);
      const c = cOpt.minimize(() => criticLoss(fake), true, vars(critic))!;
      fake.dispose();
      const g = gOpt.minimize(() => tf.neg(tf.mean(critic.apply(base.generator.apply(z) as tf.Tensor) as tf.Tensor)) as tf.Scalar, true, vars(base.generator))!;
      const out = { criticLoss: c.dataSync()[0], generatorLoss: g.dataSync()[0] };
      tf.dispose([c, g]);
      return out;
    },
    dispose() {
      disposeReferenceDcgan(base);
      critic.dispose();
      cOpt.dispose();
      gOpt.dispose();
      tf.dispose([real, z, e]);
    },
  };
}
