/**
 * The progressive family's config: typed defaults, one description per key. Defaults are the
 * recipe of Karras et al. 2018 (sec. 3-4, app. A.1): WGAN-GP with lambda 10 and drift epsilon 0.001,
 * one critic update per generator update, Adam(lr, 0, 0.99) for both players, equalised learning
 * rate, pixel norm in the generator, minibatch stddev in the critic, a generator EMA of decay 0.999.
 * Two defaults are ours, measured on a 2-core CPU budget (README, "Choosing the default"): the growth
 * schedule is shortened from the paper's 600k images per fade-in and per stabilisation to 3,200,
 * and most of the run trains at the final resolution after it (the official code, too, stays at the
 * final resolution until `total_kimg`); the learning rate is 2e-3 (the paper's 1e-3; the official
 * code raises it to 1.5e-3 - 3e-3 at high resolution).
 */
import { z } from 'zod';
import { imageFolderFlags, monitorFlags } from '@stablegen/gan-training';
import { baseConfigSchema } from '@stablegen/trainer';

/** Default images shown in each fade-in and in each stabilisation (the paper: 600k each). */
export const DEFAULT_PHASE_IMAGES = { fade: 3_200, stable: 3_200 } as const;
/** Default batch (the paper's at high resolution). */
const BATCH = 16;
/**
 * Default steps: the schedule to 32x32 takes (3,200 + 3 x 6,400) / 16 = 1,400 steps; the other
 * 3,400 train at 32x32. 4,800 x 16 = 76,800 images.
 */
const DEFAULT_STEPS = 4_800;

export const progressiveSchema = baseConfigSchema({ steps: DEFAULT_STEPS, batchSize: BATCH, sampleEvery: 200, checkpointEvery: 200, evalEvery: 400 }).extend({
  dataset: z.string().default('mnist').describe("training data: 'mnist' (embedded, padded to 32x32) or 'folder:<path>' (or --data <path>; resized to --resolution)"),
  resolution: z.number().int().min(8).default(32).describe('final resolution, a power of two >= 8: the run grows 4 -> 8 -> ... -> resolution (mnist: 32)'),
  ...imageFolderFlags,
  latentDim: z.number().int().positive().default(64).describe('latent vector size'),
  width: z.number().int().positive().default(32).describe('feature maps at 4x4 and 8x8; halved at every further doubling (min 8): 32 -> [32, 32, 16, 8]'),
  widths: z.string().regex(/^(\d+(,\d+)*)?$/, 'a comma list of feature-map counts, e.g. 8,16,32,64').default('')
    .describe('feature maps per stage from 4x4 up, one per stage (4 for 32x32: e.g. 8,16,32,64); overrides --width (empty = from --width)'),
  identityGrowth: z.boolean().default(false)
    .describe("identity warm-start: each new generator block starts as the identity, so the grown generator's output is the previous stage's upsampled at every alpha (exact; needs --widths that at least double per stage, e.g. 8,16,32,64; the critic grows as before)"),
  fadeImages: z.number().int().nonnegative().default(DEFAULT_PHASE_IMAGES.fade).describe('real images shown while a new resolution fades in (alpha 0 -> 1)'),
  stableImages: z.number().int().positive().default(DEFAULT_PHASE_IMAGES.stable).describe('real images shown per resolution at alpha 1 after its fade-in (the 4x4 phase has only this)'),
  baseline: z.boolean().default(false).describe('no growing: train the final architecture at full resolution from step 1 (same loss, same images)'),
  lr: z.number().positive().default(2e-3).describe('Adam learning rate of both players (the paper: 1e-3; 2e-3 gave FD-MNIST 32 vs 48 at 4,400 steps, see README)'),
  beta1: z.number().min(0).max(1).default(0).describe('Adam beta1 (0 in the paper)'),
  beta2: z.number().min(0).max(1).default(0.99).describe('Adam beta2 (0.99 in the paper)'),
  gpLambda: z.number().nonnegative().default(10).describe('WGAN-GP penalty weight lambda'),
  driftEpsilon: z.number().nonnegative().default(0.001).describe('drift penalty epsilon E[D(x)^2] on real scores'),
  emaDecay: z.number().min(0).lt(1).default(0.999).describe('decay of the generator weight EMA used for samples, metrics and export (the paper: 0.999)'),
  emaRampup: z.number().min(0).default(0.05).describe('cap the EMA half-life at this share of the images seen (StyleGAN2-ADA; 0 = constant --ema-decay)'),
  sampleCount: z.number().int().positive().default(64).describe('images in each sample grid (fixed latent batch)'),
  evalSamples: z.number().int().positive().default(1000).describe('mnist: samples from a fixed latent batch per evaluation (FD-MNIST, class coverage)'),
  ...monitorFlags,
  monitorEvery: monitorFlags.monitorEvery.default(0).describe('stability diagnostics (gradient norms per layer, gradient cosine, sharpness) at the current resolution and alpha every N steps and at step 1 (0 = off, the default: they cost about one step each)'),
});

export type ProgressiveConfig = z.infer<typeof progressiveSchema>;
