/**
 * One DCGAN step with the non-saturating loss (Goodfellow et al. 2014, sec. 3; Radford et al.
 * 2016): one critic update on a real batch and a fake batch, then one generator update on a fresh
 * latent batch. With --spectral-norm each critic layer's sigma (of its last call) is logged as
 * stab/critic/sigma/layer01_<name>, ... (depth order). All per-step randomness (an image sampler's batch order aside) comes from `rng`.
 * On a 2-D mixture the same step trains the MLP pair.
 */
import * as tf from '@tensorflow/tfjs-core';
import { trainableVariables } from '@stablegen/layers';
import { lossByName } from '@stablegen/losses';
import type { Rng } from '@stablegen/random';
import { layerSigmas } from '@stablegen/spectral-norm';
import { layerKey } from '@stablegen/stability';
import { ganClasses, type GanConfig } from './config.js';
import type { GanModels } from './models.js';
import { r1OnReal } from './r1.js';

/** The critic as the loss sees it (whitening and labels are inside forward.critic); training mode. [b, ...] -> [b, 1]. */
export const criticOf = (m: GanModels) => (x: tf.Tensor) => m.forward.critic(x, true);

/**
 * The critic's loss on one real and one fake batch: the adversarial loss, plus R1 on the real
 * batch when --r1-gamma > 0. @returns the total and, when on, the R1 term (both scalars)
 */
export function ganCriticLoss(m: GanModels, config: Readonly<GanConfig>, real: tf.Tensor, fake: tf.Tensor): { total: tf.Scalar; r1?: tf.Scalar } {
  const critic = criticOf(m);
  const adversarial = lossByName(config.loss).critic(critic(real), critic(fake), { realTarget: config.labelSmoothing });
  if (config.r1Gamma === 0) return { total: adversarial };
  const r1 = r1OnReal(critic, real, config.r1Gamma, ganClasses(config));
  return { total: tf.add(adversarial, r1), r1 };
}

export function ganStep(m: GanModels, config: Readonly<GanConfig>, rng: Rng): Record<string, number> {
  const loss = lossByName(config.loss);
  const critic = criticOf(m);
  const real = m.real.next(rng); // [b, h, w, c], [b, h * w * c + classes] or [b, 2]
  const z = m.prior.sample(config.batchSize, rng);
  const fake = m.forward.generator(z, true);
  let r1: tf.Scalar | undefined;
  const lossD = m.optD.minimize(
    () => {
      const terms = ganCriticLoss(m, config, real, fake);
      r1 = terms.r1 && tf.keep(terms.r1);
      return terms.total;
    },
    true,
    trainableVariables(m.critic),
  ) as tf.Scalar;
  const z2 = m.prior.sample(config.batchSize, rng);
  const lossG = m.optG.minimize(() => loss.generator(critic(m.forward.generator(z2, true))), true, trainableVariables(m.generator)) as tf.Scalar;
  m.ema?.update();
  const out: Record<string, number> = { 'loss/d': lossD.dataSync()[0], 'loss/g': lossG.dataSync()[0] };
  if (r1) {
    out['loss/r1'] = r1.dataSync()[0];
    r1.dispose();
  }
  if (config.spectralNorm) {
    // keyed like the monitor's per-layer figures: depth position + name without tfjs's global counter
    layerSigmas(m.critic).forEach(({ layer, sigma }, i) => (out[`stab/critic/sigma/${layerKey(layer, i)}`] = sigma));
  }
  return out;
}
