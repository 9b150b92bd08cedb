/**
 * The progressive family's models: a growable generator and critic (Karras et al. 2018) sized from
 * `width`, Adam for both players, the generator EMA, the real images at the final resolution, and
 * the view (fixed latent batch, digit judge on MNIST). `syncPhase` grows them to a phase.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@stablegen/random';
import { ProgressiveCritic } from '@stablegen/critics';
import { parseDatasetName } from '@stablegen/data';
import { adam } from '@stablegen/optimizers';
import { firstNarrowStage, ProgressiveGenerator } from '@stablegen/generators';
import { createDigitEvaluator, createImageSource, type DigitEvaluator, fixedLatent, type ImageSource } from '@stablegen/gan-training';
import { runPaths } from '@stablegen/run-files';
import { readLatestGoodCheckpoint, UserError } from '@stablegen/trainer';
import type { ProgressiveConfig } from './config.js';
import { trackEma, type GrowingEma } from './growing-ema.js';
import { type GrowthSchedule, type Phase, phaseOfStep, scheduleImages, stagesFor } from './phases.js';
import { toMnist } from './resample.js';

export interface ProgressiveModels {
  generator: ProgressiveGenerator;
  critic: ProgressiveCritic;
  optG: tf.AdamOptimizer;
  optD: tf.AdamOptimizer;
  ema: GrowingEma;
  schedule: GrowthSchedule;
  /** The segment the optimisers were made for (see phases.ts). */
  segment: number;
  /** Real images at the final resolution [n, res, res, c] in [-1, 1]. */
  source: ImageSource;
  /** Fixed latent batch of the sample grids [sampleCount, latentDim]. */
  zGrid: tf.Tensor2D;
  digits?: DigitEvaluator;
}

/** Feature maps per stage: width at 4x4 and 8x8, halved per further doubling, at least 8. */
export function stageWidths(width: number, stages: number): number[] {
  return Array.from({ length: stages }, (_, k) => Math.max(8, width >> Math.max(0, k - 1)));
}

/** The widths of a run: --widths when given (one per stage), else stageWidths(--width); --identity-growth's rule checked here. */
export function widthsOf(c: Readonly<ProgressiveConfig>, stages: number): number[] {
  const widths = c.widths === '' ? stageWidths(c.width, stages) : c.widths.split(',').map(Number);
  if (widths.length !== stages || widths.some((w) => w < 1)) {
    throw new UserError(`--widths ${c.widths}: ${widths.length} positive entries for ${stages} stages (4x4 to ${c.resolution}x${c.resolution})`, `give ${stages} feature-map counts, e.g. ${Array.from({ length: stages }, (_, k) => 8 << k).join(',')}`);
  }
  const narrow = firstNarrowStage(widths);
  if (c.identityGrowth && narrow > 0) {
    throw new UserError(
      `--identity-growth needs every stage at least twice as wide as the one before, but widths [${widths.join(', ')}] have ${widths[narrow]} after ${widths[narrow - 1]}`,
      `pass --widths ${Array.from({ length: stages }, (_, k) => 8 << k).join(',')} (or wider), or drop --identity-growth`,
    );
  }
  return widths;
}

export function scheduleOf(c: Readonly<ProgressiveConfig>): GrowthSchedule {
  return { stages: stagesFor(c.resolution), fadeImages: c.fadeImages, stableImages: c.stableImages, baseline: c.baseline };
}

const adamOf = (c: Readonly<ProgressiveConfig>) => adam(c.lr, c.beta1, c.beta2);

/**
 * Grows both networks to `phase.stage`, sets alpha, and at a new segment makes fresh optimisers
 * (Adam moments reset). Growing carries every weight over and continues the EMA.
 */
export function syncPhase(m: ProgressiveModels, phase: Phase, config: Readonly<ProgressiveConfig>): void {
  while (m.generator.stage < phase.stage) {
    m.generator.grow();
    m.critic.grow();
    m.ema = trackEma(m.generator.model, config.emaDecay, m.ema);
  }
  if (phase.stage > 0) {
    m.generator.alpha = phase.alpha;
    m.critic.alpha = phase.alpha;
  }
  if (phase.segment !== m.segment) {
    m.optG.dispose();
    m.optD.dispose();
    m.optG = adamOf(config);
    m.optD = adamOf(config);
    m.segment = phase.segment;
  }
}

function checkConfig(c: Readonly<ProgressiveConfig>): void {
  parseDatasetName(c.dataset, ['mnist', 'folder']);
  if (!Number.isInteger(Math.log2(c.resolution))) throw new UserError(`--resolution ${c.resolution} is not a power of two`, 'use 8, 16, 32, 64, ...');
  if (c.dataset === 'mnist' && c.resolution !== 32) throw new UserError(`--resolution ${c.resolution}: mnist is padded to 32x32`, 'drop --resolution for mnist');
  if (c.identityGrowth && c.baseline) throw new UserError('--identity-growth with --baseline: the baseline never grows', 'drop one of them');
  const needed = Math.ceil(scheduleImages(scheduleOf(c)) / c.batchSize);
  if (!c.baseline && c.steps < needed) {
    throw new UserError(
      `--steps ${c.steps} x --batch-size ${c.batchSize} shows fewer images than the growth schedule needs to reach ${c.resolution}x${c.resolution} (${needed} steps)`,
      `pass --steps ${needed} or more, or lower --fade-images / --stable-images`,
    );
  }
}

/** The step of the checkpoint `--resume` will restore (0 for a new run), so the models can be grown to its phase first. */
function resumeStep(c: Readonly<ProgressiveConfig>): number {
  if (!c.resume) return 0;
  return readLatestGoodCheckpoint(runPaths(c.resume).checkpoints, () => undefined)?.step ?? 0;
}

/** Models, optimisers, data and view; weights drawn from `rng`; grown to the phase of a resumed checkpoint. */
export async function buildProgressiveModels(config: Readonly<ProgressiveConfig>, rng: Rng): Promise<ProgressiveModels> {
  checkConfig(config);
  const schedule = scheduleOf(config);
  const widths = widthsOf(config, schedule.stages);
  const source = await createImageSource({ ...config, imageSize: config.resolution, pad32: config.dataset === 'mnist' });
  const generator = new ProgressiveGenerator({ widths, latentDim: config.latentDim, channels: source.channels, identityGrowth: config.identityGrowth, rng });
  const critic = new ProgressiveCritic({ widths, channels: source.channels, rng });
  const digits = config.dataset === 'mnist' ? await createDigitEvaluator(config.evalSamples, config.latentDim, config.seed, { toMnist }) : undefined;
  const m: ProgressiveModels = {
    ...{ generator, critic, optG: adamOf(config), optD: adamOf(config), schedule, segment: 0, source, digits },
    ema: trackEma(generator.model, config.emaDecay),
    zGrid: fixedLatent(config.sampleCount, config.latentDim, config.seed),
  };
  const step = resumeStep(config);
  syncPhase(m, phaseOfStep(schedule, Math.max(1, step), config.batchSize), config);
  return m;
}

export function disposeProgressiveModels(m: ProgressiveModels): void {
  m.generator.dispose();
  m.critic.dispose();
  m.optG.dispose();
  m.optD.dispose();
  m.ema.ema.dispose();
  m.zGrid.dispose();
  m.digits?.dispose();
}
