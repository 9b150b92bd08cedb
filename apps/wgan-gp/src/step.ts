/**
 * One WGAN-GP step (Gulrajani et al. 2017, alg. 1): n_critic critic updates, each on a fresh real
 * batch and a fresh fake batch with loss E[D(x~)] - E[D(x)] + lambda E[(||grad D(x^)|| - 1)^2]
 * (x^ interpolated per sample), then one generator update with loss -E[D(G(z))]. Every random
 * draw (real batch of a mixture, z, interpolation weights) comes from the step's Rng.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Rng } from '@stablegen/random';
import { wganGradientPenalty } from '@stablegen/gradient-penalty';
import { wasserstein } from '@stablegen/losses';
import type { WganGpConfig } from './config.js';
import type { WganGpModels } from './models.js';

/** Per-step metrics; the critic's are means over its n_critic updates. */
export interface WganGpMetrics extends Record<string, number> {
  /** Critic loss including the penalty. */
  'loss/d': number;
  'loss/g': number;
  /** Penalty term lambda E[(||grad|| - 1)^2]. */
  gp: number;
  /** E[D(x)] - E[D(G(z))], the critic's estimate of the Wasserstein-1 distance. */
  wasserstein: number;
  /** Mean ||grad_x D(x^)|| at the interpolates. */
  grad_norm: number;
}

const variables = (model: LayersModel) => model.trainableWeights.map((w) => w.read() as tf.Variable);
const latent = (c: Readonly<WganGpConfig>, rng: Rng) => tf.randomNormal([c.batchSize, c.latentDim], 0, 1, 'float32', rng.nextSeed());

/**
 * One critic update.
 * @returns [4]: critic loss, Wasserstein estimate, penalty, mean gradient norm
 */
export function criticUpdate(m: WganGpModels, config: Readonly<WganGpConfig>, rng: Rng): tf.Tensor1D {
  return tf.tidy(() => {
    const real = m.real.next(rng); // [b, ...]
    const fake = m.forward.generator(latent(config, rng), true); // [b, ...]
    const seed = rng.nextSeed();
    const critic = (x: tf.Tensor) => m.forward.critic(x, true); // [n, 1]
    const b = real.shape[0];
    // minimize() runs the loss in its own tidy; the terms for logging are kept and disposed below.
    let terms: tf.Scalar[] = [];
    const loss = m.optD.minimize(
      () => {
        const scores = critic(tf.concat([real, fake])); // [2b, 1]: one pass for both (no batch statistics in the critic)
        const w = wasserstein.critic(tf.slice(scores, 0, b), tf.slice(scores, b, b));
        const { penalty, gradNorm } = wganGradientPenalty(critic, real, fake, { seed, lambda: config.gpLambda });
        terms = [tf.keep(tf.neg(w)), tf.keep(penalty), tf.keep(gradNorm)];
        return tf.add(w, penalty) as tf.Scalar;
      },
      true,
      variables(m.critic),
    ) as tf.Scalar;
    try {
      return tf.stack([loss, ...terms]) as tf.Tensor1D;
    } finally {
      terms.forEach((t) => t.dispose());
    }
  });
}

/** One generator update on a fresh latent batch; returns its loss -E[D(G(z))]. */
export function generatorUpdate(m: WganGpModels, config: Readonly<WganGpConfig>, rng: Rng): tf.Scalar {
  return tf.tidy(() => {
    const z = latent(config, rng);
    return m.optG.minimize(
      () => wasserstein.generator(m.forward.critic(m.forward.generator(z, true), true)),
      true,
      variables(m.generator),
    ) as tf.Scalar;
  });
}

/** n_critic critic updates + 1 generator update (+ the generator EMA's update); one read-back of all metrics. */
export function wganGpStep(m: WganGpModels, config: Readonly<WganGpConfig>, rng: Rng): WganGpMetrics {
  return tf.tidy(() => {
    const critic = tf.stack(Array.from({ length: config.nCritic }, () => criticUpdate(m, config, rng))); // [nCritic, 4]
    const lossG = generatorUpdate(m, config, rng);
    m.ema?.update();
    const v = tf.concat([tf.mean(critic, 0), tf.reshape(lossG, [1])]).dataSync(); // [5]
    return { 'loss/d': v[0], wasserstein: v[1], gp: v[2], grad_norm: v[3], 'loss/g': v[4] };
  });
}
