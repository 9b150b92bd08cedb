/**
 * A tiny recipe for trainer tests: a linear LayersModel fitted with Adam to y = x . [2, -3] + 0.5
 * on batches drawn from the run's Rng. Small enough for the cpu backend, with every part a real
 * recipe has (models, optimiser, checkpoint state, samples, export).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { z } from 'zod';
import { baseConfigSchema, type BaseConfig, type Recipe } from '../src/index.js';

export const toySchema = baseConfigSchema({ steps: 20, batchSize: 8, sampleEvery: 5, checkpointEvery: 5, evalEvery: 10 }).extend({
  lr: z.number().positive().default(0.05).describe('Adam learning rate'),
  stepDelayMs: z.number().int().nonnegative().default(0).describe('busy-wait per step (kill tests)'),
});
export type ToyConfig = z.infer<typeof toySchema> & BaseConfig;

export interface ToyModels {
  model: tfl.LayersModel;
  optimizer: tf.AdamOptimizer;
}

export const toyRecipe: Recipe<ToyConfig, ToyModels> = {
  family: 'toy',
  summary: 'linear regression used to test the trainer',
  schema: toySchema,
  build(config, rng) {
    const model = tfl.sequential({
      layers: [tfl.layers.dense({ inputShape: [2], units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: rng.nextSeed() }) })],
    });
    return { model, optimizer: tf.train.adam(config.lr) };
  },
  step({ model, optimizer }, { rng, config }) {
    const xs = Array.from({ length: config.batchSize * 2 }, () => rng.normal());
    const x = tf.tensor2d(xs, [config.batchSize, 2]);
    const y = tf.add(tf.matMul(x, tf.tensor2d([[2], [-3]])), 0.5);
    const loss = optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x) as tf.Tensor) as tf.Scalar, true) as tf.Scalar;
    const until = Date.now() + config.stepDelayMs;
    while (Date.now() < until) {
      // simulate a slow step
    }
    return { loss: loss.dataSync()[0] };
  },
  checkpointable: ({ model, optimizer }) => ({ models: { model }, optimizers: { optimizer } }),
  async sample({ model }, step) {
    const w = await model.getWeights()[0].data();
    return [{ ext: 'txt', data: `step ${step}: w = [${Array.from(w).map((v) => v.toFixed(4)).join(', ')}]\n` }];
  },
  async evaluate({ model }) {
    const w = await model.getWeights()[0].data();
    return { weight_error: Math.hypot(w[0] - 2, w[1] + 3) };
  },
  exportModel: ({ model }) => model,
  dispose({ model, optimizer }) {
    model.dispose();
    optimizer.dispose();
  },
};
