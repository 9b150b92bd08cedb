/**
 * DCGAN with the non-saturating loss (Goodfellow et al. 2014, sec. 3; Radford et al. 2016): per step
 * one critic update on a real batch and a fake batch, then one generator update on a fresh latent
 * batch. All per-step randomness (an image sampler's batch order aside) comes from ctx.rng. On a
 * 2-D mixture the same step trains the MLP pair; the view logs PacGAN mode metrics and scatter plots.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ganStabilityMonitor } from '@stablegen/gan-training';
import { lossByName } from '@stablegen/losses';
import type { Recipe } from '@stablegen/trainer';
import { type GanConfig, ganSchema } from './config.js';
import { buildGanModels, disposeGanModels, type GanModels } from './models.js';

const trainable = (model: GanModels['critic']) => model.trainableWeights.map((w) => w.read() as tf.Variable);

/** The critic as the loss sees it (whitening and labels are inside forward.critic); training mode. [b, ...] -> [b, 1]. */
const criticOf = (m: GanModels) => (x: tf.Tensor) => m.forward.critic(x, true);

/** The stability diagnostics of both players (`--monitor-every`, 0 = none). */
export function ganMonitors(config: Readonly<GanConfig>) {
  if (config.monitorEvery === 0) return [];
  const loss = lossByName(config.loss);
  return [
    ganStabilityMonitor<GanModels>({
      every: config.monitorEvery,
      hessianIterations: config.monitorHessianIterations,
      batchSize: config.batchSize,
      latentDim: config.latentDim,
      seed: config.seed,
      criticLoss: (m, real, fake) => loss.critic(criticOf(m)(real), criticOf(m)(fake), { realTarget: config.labelSmoothing }),
      generatorLoss: (m, fake) => loss.generator(criticOf(m)(fake)),
    }),
  ];
}

export const ganRecipe: Recipe<GanConfig, GanModels> = {
  family: 'gan',
  summary: 'DCGAN (non-saturating loss) on the embedded MNIST digits or an image folder; MLP GAN on the 2-D mixtures ring8 / grid25',
  schema: ganSchema,
  build: buildGanModels,
  step(m, { rng, config }) {
    const loss = lossByName(config.loss);
    const critic = criticOf(m);
    const real = m.real.next(rng); // [b, h, w, c] or [b, 2]
    const z = m.prior.sample(config.batchSize, rng);
    const fake = m.forward.generator(z, true);
    const lossD = m.optD.minimize(
      () => {
        return loss.critic(critic(real), critic(fake), { realTarget: config.labelSmoothing });
      },
      true,
      trainable(m.critic),
    ) as tf.Scalar;
    const z2 = m.prior.sample(config.batchSize, rng);
    const lossG = m.optG.minimize(
      () => loss.generator(critic(m.forward.generator(z2, true))),
      true,
      trainable(m.generator),
    ) as tf.Scalar;
    return { 'loss/d': lossD.dataSync()[0], 'loss/g': lossG.dataSync()[0] };
  },
  checkpointable: (m) => ({ models: { generator: m.generator, critic: m.critic }, optimizers: { optG: m.optG, optD: m.optD } }),
  saveState: (m) => m.real.state(),
  loadState: (m, state) => m.real.restore(state),
  sample: (m, step) => m.view.sample(m.generator, step),
  evaluate: async (m) => m.view.evaluate(m.generator),
  callbacks: ganMonitors,
  exportModel: (m) => m.generator,
  dispose: disposeGanModels,
};
