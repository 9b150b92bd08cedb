/**
 * WGAN-GP (Gulrajani et al. 2017) as a trainer recipe: the step of step.ts, an optional linear
 * learning-rate decay, checkpoints of both models and optimisers, and the dataset's view (digit
 * metrics and image grids for MNIST; PacGAN mode metrics, a scatter plot and the points as CSV for
 * the 2-D mixtures).
 */
import { setLearningRate } from '@stablegen/schedules';
import type { Recipe } from '@stablegen/trainer';
import { type WganGpConfig, wganGpSchema } from './config.js';
import { buildWganGpModels, disposeWganGpModels, type WganGpModels } from './models.js';
import { wganGpStep } from './step.js';

/** The factor of the base learning rate used by step `step` (1-based): 1, or linear from 1 to 1/steps. */
export function lrFactor(config: Readonly<WganGpConfig>, step: number): number {
  return config.lrDecay === 'linear' ? 1 - (step - 1) / config.steps : 1;
}

export const wganGpRecipe: Recipe<WganGpConfig, WganGpModels> = {
  family: 'wgan-gp',
  summary: 'WGAN-GP (Gulrajani et al. 2017) on MNIST, an image folder, or the 2-D mixtures ring8 / grid25',
  schema: wganGpSchema,
  build: buildWganGpModels,
  step(m, { step, rng, config }) {
    if (config.lrDecay !== 'none') {
      setLearningRate(m.optD, config.lrD * lrFactor(config, step));
      setLearningRate(m.optG, config.lrG * lrFactor(config, step));
    }
    return wganGpStep(m, config, rng);
  },
  checkpointable: (m) => ({ models: { generator: m.generator, critic: m.critic }, optimizers: { optG: m.optG, optD: m.optD } }),
  saveState: (m) => m.real.state(),
  loadState: (m, state) => m.real.restore(state),
  sample: (m, step) => m.view.sample(m.generator, step),
  evaluate: async (m) => m.view.evaluate(m.generator),
  exportModel: (m) => m.generator,
  dispose: disposeWganGpModels,
};
