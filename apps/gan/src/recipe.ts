/**
 * DCGAN with the non-saturating loss (Goodfellow et al. 2014, sec. 3; Radford et al. 2016): per step
 * one critic update on a real batch and a fake batch, then one generator update on a fresh latent
 * batch. All per-step randomness (batch order aside, which the sampler owns) comes from ctx.rng.
 */
import * as tf from '@tensorflow/tfjs-core';
import { lossByName } from '@stablegen/losses';
import { sampleGrid } from '@stablegen/gan-training';
import type { Recipe } from '@stablegen/trainer';
import type { SamplerState } from '@stablegen/data';
import { type GanConfig, ganSchema } from './config.js';
import { buildGanModels, disposeGanModels, type GanModels } from './models.js';

const trainable = (model: GanModels['critic']) => model.trainableWeights.map((w) => w.read() as tf.Variable);

export const ganRecipe: Recipe<GanConfig, GanModels> = {
  family: 'gan',
  summary: 'DCGAN (non-saturating loss) on the embedded MNIST digits or an image folder',
  schema: ganSchema,
  build: buildGanModels,
  step(m, { rng, config }) {
    const loss = lossByName(config.loss);
    const critic = (x: tf.Tensor) => m.critic.apply(m.whitener ? m.whitener.transform(x) : x, { training: true }) as tf.Tensor;
    const real = m.source.nextBatch(); // [b, h, w, c]
    const z = tf.randomNormal([config.batchSize, config.latentDim], 0, 1, 'float32', rng.nextSeed());
    const fake = m.generator.apply(z, { training: true }) as tf.Tensor4D;
    const lossD = m.optD.minimize(
      () => {
        return loss.critic(critic(real), critic(fake), { realTarget: config.labelSmoothing });
      },
      true,
      trainable(m.critic),
    ) as tf.Scalar;
    const z2 = tf.randomNormal([config.batchSize, config.latentDim], 0, 1, 'float32', rng.nextSeed());
    const lossG = m.optG.minimize(
      () => loss.generator(critic(m.generator.apply(z2, { training: true }) as tf.Tensor)),
      true,
      trainable(m.generator),
    ) as tf.Scalar;
    return { 'loss/d': lossD.dataSync()[0], 'loss/g': lossG.dataSync()[0] };
  },
  checkpointable: (m) => ({ models: { generator: m.generator, critic: m.critic }, optimizers: { optG: m.optG, optD: m.optD } }),
  saveState: (m) => ({ sampler: m.source.state() }),
  loadState: (m, state) => m.source.restore(state.sampler as SamplerState),
  sample: async (m) => [await sampleGrid(m.generator, m.zFixed)],
  evaluate: async (m) => m.evaluator?.evaluate(m.generator) ?? {},
  exportModel: (m) => m.generator,
  dispose: disposeGanModels,
};
