/**
 * One WGAN-GP step (Gulrajani et al. 2017, alg. 1): n_critic critic updates, each on a fresh real
 * batch and a fresh fake batch with loss E[D(x~)] - E[D(x)] + lambda E[(||grad D(x^)|| - 1)^2]
 * (x^ interpolated per sample), then one generator update with loss -E[D(G(z))]. Every random
 * draw (real batch of a mixture, z, interpolation weights) comes from the step's Rng.
 */
import * as tf from '@tensorflow/tfjs-core';
import { wganCriticUpdate } from '@stablegen/gan-training';
import { trainableVariables } from '@stablegen/layers';
import { wasserstein } from '@stablegen/losses';
import type { Rng } from '@stablegen/random';
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

const latent = (c: Readonly<WganGpConfig>, rng: Rng) => tf.randomNormal([c.batchSize, c.latentDim], 0, 1, 'float32', rng.nextSeed());

/**
 * One critic update on a fresh real batch and a fresh fake batch (one pass over both: no batch
 * statistics in this critic).
 * @returns [5]: critic loss, Wasserstein estimate, penalty, drift (0), mean gradient norm
 */
export function criticUpdate(m: WganGpModels, config: Readonly<WganGpConfig>, rng: Rng): tf.Tensor1D {
  return tf.tidy(() => {
    const real = m.real.next(rng); // [b, ...]
    const fake = m.forward.generator(latent(config, rng), true); // [b, ...]
    const critic = (x: tf.Tensor) => m.forward.critic(x, true); // [n, 1]
    return wganCriticUpdate({ optimizer: m.optD, variables: trainableVariables(m.critic), critic, real, fake, seed: rng.nextSeed(), lambda: config.gpLambda, jointPass: true });
  });
}

/** One generator update on a fresh latent batch; returns its loss -E[D(G(z))]. */
export function generatorUpdate(m: WganGpModels, config: Readonly<WganGpConfig>, rng: Rng): tf.Scalar {
  return tf.tidy(() => {
    const z = latent(config, rng);
    return m.optG.minimize(
      () => wasserstein.generator(m.forward.critic(m.forward.generator(z, true), true)),
      true,
      trainableVariables(m.generator),
    ) as tf.Scalar;
  });
}

/** n_critic critic updates + 1 generator update (+ the generator EMA's update); one read-back of all metrics. */
export function wganGpStep(m: WganGpModels, config: Readonly<WganGpConfig>, rng: Rng): WganGpMetrics {
  return tf.tidy(() => {
    const critic = tf.stack(Array.from({ length: config.nCritic }, () => criticUpdate(m, config, rng))); // [nCritic, 5]
    const lossG = generatorUpdate(m, config, rng);
    m.ema?.update();
    const v = tf.concat([tf.mean(critic, 0), tf.reshape(lossG, [1])]).dataSync(); // [6]
    return { 'loss/d': v[0], wasserstein: v[1], gp: v[2], grad_norm: v[4], 'loss/g': v[5] };
  });
}
