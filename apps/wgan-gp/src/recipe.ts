/**
 * WGAN-GP (Gulrajani et al. 2017) as a trainer recipe: the step of step.ts, an optional
 * learning-rate schedule (--lr-schedule, --warmup-steps), an optional generator weight EMA (evaluated beside the raw weights),
 * checkpoints of both models, optimisers and the EMA, and the dataset's view (digit
 * metrics and image grids for MNIST; PacGAN mode metrics, a scatter plot and the points as CSV for
 * the 2-D mixtures).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { evaluateWithEma, exportWithEma, ganStabilityMonitor, outputOf, sampleWithEma } from '@stablegen/gan-training';
import { wasserstein } from '@stablegen/losses';
import type { Recipe } from '@stablegen/trainer';
import { type WganGpConfig, wganGpSchema } from './config.js';
import { buildWganGpModels, disposeWganGpModels, type WganGpModels } from './models.js';
import { wganGpStep } from './step.js';

/**
 * The stability diagnostics of both players (`--monitor-every`, 0 = none). The critic's monitored
 * loss is the Wasserstein term alone: the penalty's Hessian would need third derivatives.
 */
export function wganGpMonitors(config: Readonly<WganGpConfig>) {
  if (config.monitorEvery === 0) return [];
  const critic = (m: WganGpModels, x: tf.Tensor) => m.forward.critic(x, true); // [b, 1]
  return [
    ganStabilityMonitor<WganGpModels>({
      every: config.monitorEvery,
      hessianIterations: config.monitorHessianIterations,
      until: config.monitorUntil,
      batchSize: config.batchSize,
      latentDim: config.latentDim,
      seed: config.seed,
      criticLoss: (m, real, fake) => wasserstein.critic(critic(m, real), critic(m, fake)),
      generatorLoss: (m, fake) => wasserstein.generator(critic(m, fake)),
    }),
  ];
}

export const wganGpRecipe: Recipe<WganGpConfig, WganGpModels> = {
  family: 'wgan-gp',
  summary: 'WGAN-GP (Gulrajani et al. 2017) on MNIST, an image folder, or the 2-D mixtures ring8 / grid25',
  schema: wganGpSchema,
  build: buildWganGpModels,
  step(m, { step, rng, config, lrScale }) {
    const rates = m.lrSchedule(m, step, lrScale);
    return { ...wganGpStep(m, config, rng), ...rates };
  },
  checkpointable: (m) => ({
    models: { generator: m.generator, critic: m.critic },
    optimizers: { optG: m.optG, optD: m.optD },
    variables: m.ema?.variables,
  }),
  saveState: (m) => m.real.state(),
  loadState: (m, state) => m.real.restore(state),
  sample: sampleWithEma,
  evaluate: evaluateWithEma,
  // Runs once, after the last checkpoint: with an EMA the exported generator holds the averaged weights.
  callbacks: wganGpMonitors,
  exportModel: exportWithEma,
  exportContract: (_m, config) => ({ latentDim: config.latentDim, classes: 0, ...outputOf(config.dataset) }),
  dispose: disposeWganGpModels,
};
