/**
 * The wgan-gp family's config: typed defaults, one description per key. Defaults are the recipe of
 * Gulrajani et al. 2017 (alg. 1): n_critic 5, lambda 10, Adam(1e-4, 0, 0.9) for both players, no
 * batch norm in the critic (the penalty is per sample). The 2-D mixtures start from
 * configs/<name>.json (their own budget and MLP widths; see presets.ts).
 */
import { z } from 'zod';
import { emaFlags, ganDataFlags, lrScheduleFlags, monitorFlags } from '@stablegen/gan-training';
import { baseConfigSchema } from '@stablegen/trainer';

export const wganGpSchema = baseConfigSchema({ steps: 1000, batchSize: 64, sampleEvery: 100, checkpointEvery: 100, evalEvery: 250 }).extend({
  ...ganDataFlags,
  width: z.number().int().positive().default(64).describe('images: feature maps of the widest generator layer (the critic mirrors it); DCGAN halves per stage'),
  generatorBatchNorm: z.boolean().default(true).describe('images: batch norm in the generator (allowed there; the paper uses it)'),
  criticNorm: z.enum(['none', 'layer', 'instance']).default('layer').describe('images: critic normalisation, per sample only (batch norm would break the per-sample penalty)'),
  nCritic: z.number().int().positive().default(5).describe('critic updates per generator update'),
  gpLambda: z.number().nonnegative().default(10).describe('gradient-penalty weight lambda'),
  lrG: z.number().positive().default(1e-4).describe('generator Adam learning rate'),
  lrD: z.number().positive().default(1e-4).describe('critic Adam learning rate'),
  beta1: z.number().min(0).max(1).default(0).describe('Adam beta1 (0 in the paper)'),
  beta2: z.number().min(0).max(1).default(0.9).describe('Adam beta2 (0.9 in the paper)'),
  lrDecay: z.enum(['none', 'linear']).default('none').describe("deprecated, kept for older run directories: 'linear' = --lr-schedule linear"),
  ...lrScheduleFlags,
  ...emaFlags,
  sampleCount: z.number().int().positive().default(64).describe('images: images in each sample grid (fixed latent batch)'),
  evalSamples: z.number().int().positive().default(1000).describe('samples from a fixed latent batch per evaluation (2,500 for the 2-D mixtures, as in PacGAN)'),
  ...monitorFlags,
});

export type WganGpConfig = z.infer<typeof wganGpSchema>;
