/**
 * The gan family's config: typed defaults, one description per key. The recipe's stability
 * choices are named here: Adam(2e-4, 0.5) for both players (Radford et al. 2016), no batch norm
 * in the critic (per-sample normalisation or none), optional spectral norm, optional one-sided
 * label smoothing, optional ZCA whitening of the critic's input, class conditioning on MNIST's
 * labels (on by default there: the unconditional recipe stays below the digit bar). The 2-D mixtures (MLP generator and
 * critic) start from configs/<name>.json (their own budget, batch and widths), unlabelled images from configs/unlabelled-images.json.
 */
import { z } from 'zod';
import { emaFlags, ganDataFlags, lrScheduleFlags, monitorFlags } from '@stablegen/gan-training';
import { baseConfigSchema, UserError } from '@stablegen/trainer';

export const ganSchema = baseConfigSchema({ steps: 3000, batchSize: 32, sampleEvery: 250, checkpointEvery: 250, evalEvery: 500 }).extend({
  ...ganDataFlags,
  width: z.number().int().positive().default(64).describe('feature maps of the widest generator layer (the critic mirrors it); DCGAN halves per stage'),
  generatorBatchNorm: z.boolean().default(true).describe('batch norm in the generator (per-sample statistics are not needed there; speeds up early training)'),
  lrG: z.number().positive().default(4e-4).describe('generator Adam learning rate (2 x lrD moved the digit metrics most: benchmarks/gan-recipe-exploration.md)'),
  lrD: z.number().positive().default(2e-4).describe('critic Adam learning rate'),
  ...lrScheduleFlags,
  beta1: z.number().min(0).max(1).default(0.5).describe("Adam beta1 (0.5 as in DCGAN)"),
  beta2: z.number().min(0).max(1).default(0.999).describe('Adam beta2'),
  loss: z.enum(['non-saturating', 'minimax', 'hinge']).default('non-saturating').describe('adversarial loss'),
  criticNorm: z.enum(['none', 'layer', 'instance', 'batch']).default('none').describe('critic normalisation (batch leaks batch statistics: warned)'),
  spectralNorm: z.boolean().default(false).describe('spectral normalisation on every critic weight layer'),
  r1Gamma: z
    .number()
    .nonnegative()
    .default(0)
    .describe('R1 weight gamma (Mescheder et al. 2018): gamma/2 E[||grad D(real)||^2] added to the critic loss, on the images (not the labels); logged as loss/r1; 0 = off. Typical 0.1-10'),
  labelSmoothing: z.number().gt(0).max(1).default(1).describe('target for real samples in the critic loss (0.9 = one-sided smoothing; 1 = off)'),
  conditional: z
    .boolean()
    .optional()
    .describe(
      'class-conditional: the generator takes [z | one-hot digit], the critic is a projection discriminator (Miyato & Koyama 2018), samples are drawn with every class in turn. Default: on for mnist (its labels; benchmarks/gan-recipe-exploration.md), off for datasets without labels (folders, 2-D mixtures). Unlabelled images (false on mnist, folders) start from configs/unlabelled-images.json: lrD 2e-3, lrG 4e-3, linear decay, EMA 0.999 (the best MNIST recipe of the stability study; benchmarks/gan-unconditional.md)',
    ),
  whiten: z.boolean().default(false).describe("images: ZCA-whiten everything the critic sees (fitted on 2,000 training images)"),
  sampleCount: z.number().int().positive().default(64).describe('images in each sample grid (fixed latent batch)'),
  evalSamples: z.number().int().positive().default(1000).describe('samples from a fixed latent batch per evaluation (MNIST classifier; 2,500 for the 2-D mixtures, as in PacGAN)'),
  ...emaFlags,
  ...monitorFlags,
});

export type GanConfig = z.infer<typeof ganSchema>;

/** Digit classes the generator is conditioned on: 10 for mnist unless --conditional false, else 0. */
export function ganClasses(config: Readonly<Pick<GanConfig, 'conditional' | 'dataset'>>): number {
  if (config.dataset === 'mnist') return config.conditional === false ? 0 : 10;
  if (config.conditional === true) {
    throw new UserError(`--conditional needs a labelled dataset; '${config.dataset}' has no labels`, 'use --dataset mnist, or drop --conditional');
  }
  return 0;
}
