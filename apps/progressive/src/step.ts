/**
 * One progressive-growing step (Karras et al. 2018, app. A.1): grow / fade to the step's phase,
 * one critic update with WGAN-GP (lambda E[(||grad D(x^)|| - 1)^2], Gulrajani et al. 2017) plus the
 * drift penalty epsilon E[D(x)^2], one generator update with -E[D(G(z))], then the generator EMA.
 * Reals are shown at the phase's resolution (faded like the generator's output). Every random draw
 * (z, interpolation weights) comes from the step's Rng; the batch order from the image sampler.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@stablegen/random';
import { wganCriticUpdate } from '@stablegen/gan-training';
import { trainableVariables } from '@stablegen/layers';
import { wasserstein } from '@stablegen/losses';
import type { ProgressiveConfig } from './config.js';
import { emaDecayAt } from './growing-ema.js';
import { type ProgressiveModels, syncPhase } from './models.js';
import { phaseOfStep } from './phases.js';
import { realsAt } from './resample.js';

/** Per-step metrics; `resolution`, `alpha` and `images` draw the phase timeline in the report. */
export interface ProgressiveMetrics extends Record<string, number> {
  /** Critic loss: -Wasserstein estimate + gp + drift. */
  'loss/d': number;
  'loss/g': number;
  gp: number;
  drift: number;
  /** E[D(x)] - E[D(G(z))]. */
  wasserstein: number;
  grad_norm: number;
  resolution: number;
  alpha: number;
  /** Real images shown before this step. */
  images: number;
}

const latent = (c: Readonly<ProgressiveConfig>, rng: Rng) => tf.randomNormal([c.batchSize, c.latentDim], 0, 1, 'float32', rng.nextSeed());

/** @returns [5]: critic loss, Wasserstein estimate, gp, drift, mean gradient norm */
function criticUpdate(m: ProgressiveModels, config: Readonly<ProgressiveConfig>, rng: Rng, real: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => {
    const fake = m.generator.model.apply(latent(config, rng), { training: true }) as tf.Tensor; // [b, res, res, c]
    const critic = (x: tf.Tensor) => m.critic.model.apply(x, { training: true }) as tf.Tensor; // [n, 1]
    // Separate passes: the minibatch-stddev map must not mix real and fake statistics.
    const update = { optimizer: m.optD, variables: trainableVariables(m.critic.model), critic, real, fake, seed: rng.nextSeed(), lambda: config.gpLambda };
    return wganCriticUpdate({ ...update, jointPass: false, driftEpsilon: config.driftEpsilon });
  });
}

function generatorUpdate(m: ProgressiveModels, config: Readonly<ProgressiveConfig>, rng: Rng): tf.Scalar {
  return tf.tidy(() => {
    const z = latent(config, rng);
    return m.optG.minimize(
      () => wasserstein.generator(m.critic.model.apply(m.generator.model.apply(z, { training: true }) as tf.Tensor, { training: true }) as tf.Tensor),
      true,
      trainableVariables(m.generator.model),
    ) as tf.Scalar;
  });
}

/** Step `step` (1-based): phase, one critic and one generator update, EMA; one read-back of the metrics. */
export function progressiveStep(m: ProgressiveModels, config: Readonly<ProgressiveConfig>, step: number, rng: Rng): ProgressiveMetrics {
  const phase = phaseOfStep(m.schedule, step, config.batchSize);
  syncPhase(m, phase, config);
  const v = tf.tidy(() => {
    const full = m.source.nextBatch(); // [b, R, R, c]
    const critic = criticUpdate(m, config, rng, realsAt(full, phase.resolution, phase.alpha));
    const lossG = generatorUpdate(m, config, rng);
    return tf.concat([critic, tf.reshape(lossG, [1])]).dataSync(); // [6]
  });
  m.ema.ema.update(emaDecayAt(step * config.batchSize, config.batchSize, config.emaDecay, config.emaRampup));
  return {
    ...{ 'loss/d': v[0], wasserstein: v[1], gp: v[2], drift: v[3], grad_norm: v[4], 'loss/g': v[5] },
    ...{ resolution: phase.resolution, alpha: phase.alpha, images: (step - 1) * config.batchSize },
  };
}
