/**
 * One DCGAN step with the non-saturating loss (Goodfellow et al. 2014, sec. 3; Radford et al.
 * 2016): one critic update on a real batch and a fake batch, then one generator update on a fresh
 * latent batch. All per-step randomness (an image sampler's batch order aside) comes from `rng`.
 * On a 2-D mixture the same step trains the MLP pair.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { trainableVariables } from '@stablegen/layers';
import { lossByName } from '@stablegen/losses';
import type { Rng } from '@stablegen/random';
import type { GanConfig } from './config.js';
import type { GanModels } from './models.js';

/** The critic as the loss sees it (whitening and labels are inside forward.critic); training mode. [b, ...] -> [b, 1]. */
export const criticOf = (m: GanModels) => (x: tf.Tensor) => m.forward.critic(x, true);

export function ganStep(m: GanModels, config: Readonly<GanConfig>, rng: Rng): Record<string, number> {
  const loss = lossByName(config.loss);
  const critic = criticOf(m);
  const real = m.real.next(rng); // [b, h, w, c], [b, h * w * c + classes] or [b, 2]
  const z = m.prior.sample(config.batchSize, rng);
  const fake = m.forward.generator(z, true);
  const lossD = m.optD.minimize(() => loss.critic(critic(real), critic(fake), { realTarget: config.labelSmoothing }), true, trainableVariables(m.critic)) as tf.Scalar;
  const z2 = m.prior.sample(config.batchSize, rng);
  const lossG = m.optG.minimize(() => loss.generator(critic(m.forward.generator(z2, true))), true, trainableVariables(m.generator)) as tf.Scalar;
  return { 'loss/d': lossD.dataSync()[0], 'loss/g': lossG.dataSync()[0] };
}
