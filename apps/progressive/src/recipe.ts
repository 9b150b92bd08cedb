/**
 * Progressive growing of GANs (Karras et al. 2018) as a trainer recipe: the step of step.ts on the
 * schedule of phases.ts, checkpoints of both growing models, both optimisers and the generator EMA
 * (a resumed run is first grown to its checkpoint's phase, in models.ts), samples and metrics from
 * the EMA generator, and the EMA generator exported at the end. `--baseline` trains the final
 * architecture at full resolution from the start.
 */
import type { SamplerState } from '@stablegen/data';
import type { Recipe } from '@stablegen/trainer';
import { type ProgressiveConfig, progressiveSchema } from './config.js';
import { buildProgressiveModels, disposeProgressiveModels, type ProgressiveModels } from './models.js';
import { progressiveMonitors } from './monitor.js';
import { progressiveStep } from './step.js';
import { evaluateDigits, sampleArtifacts } from './view.js';

export const progressiveRecipe: Recipe<ProgressiveConfig, ProgressiveModels> = {
  family: 'progressive',
  summary: 'Progressive growing of GANs (Karras et al. 2018), 4x4 -> 32x32 on the embedded MNIST digits or an image folder; --baseline trains at full resolution',
  schema: progressiveSchema,
  build: buildProgressiveModels,
  step: (m, { step, rng, config }) => progressiveStep(m, config, step, rng),
  checkpointable: (m) => ({
    models: { generator: m.generator.model, critic: m.critic.model },
    optimizers: { optG: m.optG, optD: m.optD },
    variables: m.ema.ema.variables,
  }),
  saveState: (m) => ({ sampler: m.source.state(), stage: m.generator.stage, alpha: m.generator.alpha, segment: m.segment }),
  loadState: (m, state) => m.source.restore(state.sampler as SamplerState),
  sample: (m) => sampleArtifacts(m, m.source.resolution),
  evaluate: (m) => evaluateDigits(m),
  callbacks: progressiveMonitors,
  /** The EMA weights, written into the generator: called once, after the last step. */
  exportModel: (m) => {
    m.ema.ema.copyTo(m.generator.model);
    return m.generator.model;
  },
  // the toRGB layer is linear (no tanh, as in the paper): pixels are meant in [-1, 1], clip before drawing
  exportContract: (_m, config) => ({ latentDim: config.latentDim, classes: 0, output: 'image', outputRange: [-1, 1] }),
  dispose: disposeProgressiveModels,
};
