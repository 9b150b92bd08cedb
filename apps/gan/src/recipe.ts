/**
 * DCGAN with the non-saturating loss as a trainer recipe: the step of step.ts, checkpoints of both
 * models, optimisers and the generator EMA, the dataset's view (digit metrics and image grids for MNIST; PacGAN mode
 * metrics and scatter plots for the 2-D mixtures) and the stability monitor.
 */
import { evaluateWithEma, exportWithEma, ganStabilityMonitor, sampleWithEma } from '@stablegen/gan-training';
import { lossByName } from '@stablegen/losses';
import type { Recipe } from '@stablegen/trainer';
import { outputOf } from '@stablegen/gan-training';
import { type GanConfig, ganClasses, ganSchema } from './config.js';
import { buildGanModels, disposeGanModels, type GanModels } from './models.js';
import { criticOf, ganStep } from './step.js';

/** The stability diagnostics of both players (`--monitor-every`, 0 = none). */
export function ganMonitors(config: Readonly<GanConfig>) {
  if (config.monitorEvery === 0) return [];
  const loss = lossByName(config.loss);
  return [
    ganStabilityMonitor<GanModels>({
      every: config.monitorEvery,
      hessianIterations: config.monitorHessianIterations,
      until: config.monitorUntil,
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
  resolveDefaults: (config) => ({ conditional: ganClasses(config) > 0 }),
  build: buildGanModels,
  step(m, { step, rng, config, lrScale }) {
    const rates = m.lrSchedule(m, step, lrScale); // set before the updates of this step
    return { ...ganStep(m, config, rng), ...rates };
  },
  checkpointable: (m) => ({ models: { generator: m.generator, critic: m.critic }, optimizers: { optG: m.optG, optD: m.optD }, variables: m.ema?.variables }),
  saveState: (m) => m.real.state(),
  loadState: (m, state) => m.real.restore(state),
  sample: sampleWithEma,
  evaluate: evaluateWithEma,
  callbacks: ganMonitors,
  // Runs once, after the last checkpoint: with an EMA the exported generator holds the averaged weights.
  exportModel: exportWithEma,
  exportContract: (m, config) => ({ latentDim: config.latentDim, classes: m.prior.classes, ...outputOf(config.dataset) }),
  dispose: disposeGanModels,
};
