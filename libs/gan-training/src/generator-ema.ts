/**
 * A generator weight EMA as a GAN recipe uses it (`--ema-decay`): built beside the pair, updated
 * after each generator update, evaluated and sampled beside the raw weights (metrics `ema/<name>`,
 * sample files with an `-ema` suffix), checkpointed, and copied into the exported generator.
 * Shared by gan and wgan-gp.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { z } from 'zod';
import { WeightEma } from '@stablegen/stability';
import type { SampleArtifact } from '@stablegen/trainer';
import type { GeneratorView } from './training-data.js';

/** The `--ema-decay` flag, the same in every GAN family. */
export const emaFlags = {
  emaDecay: z
    .number()
    .min(0)
    .lt(1)
    .default(0)
    .describe('generator weight EMA decay (e.g. 0.999; bias-corrected, so early averages are not pulled towards the initial weights); 0 = off. When on, metrics are also logged for the EMA weights (ema/<name>), samples are drawn from both, and the exported generator holds the EMA weights'),
};

/** The bias-corrected EMA of `generator`'s weights for decay > 0, else undefined (off). */
export function generatorEma(generator: LayersModel, decay: number): WeightEma | undefined {
  return decay > 0 ? new WeightEma(generator, { decay, biasCorrection: true }) : undefined;
}

interface WithEma {
  generator: LayersModel;
  view: GeneratorView;
  ema?: WeightEma;
}

/** Metrics of the raw generator, plus `ema/<name>` for its EMA weights when there is one. */
export async function evaluateWithEma(m: WithEma): Promise<Record<string, number>> {
  const raw = m.view.evaluate(m.generator);
  if (!m.ema) return raw;
  const ema = await m.ema.withEmaWeights(m.generator, () => m.view.evaluate(m.generator));
  return { ...raw, ...Object.fromEntries(Object.entries(ema).map(([k, v]) => [`ema/${k}`, v])) };
}

/** Samples of the raw generator, plus the same files with an `-ema` suffix for its EMA weights. */
export async function sampleWithEma(m: WithEma, step: number): Promise<SampleArtifact[]> {
  const raw = await m.view.sample(m.generator, step);
  if (!m.ema) return raw;
  const ema = await m.ema.withEmaWeights(m.generator, () => m.view.sample(m.generator, step));
  return [...raw, ...ema.map((a) => ({ ...a, suffix: `-ema${a.suffix ?? ''}` }))];
}

/** The generator to export: with an EMA, its weights are replaced by the average (runs once, at the end). */
export function exportWithEma(m: WithEma): LayersModel {
  m.ema?.copyTo(m.generator);
  return m.generator;
}
