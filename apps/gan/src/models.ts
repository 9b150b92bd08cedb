/**
 * The gan family's models: DCGAN generator and critic sized to the data, Adam for each, and the
 * fixed latent batch for samples.
 */
import type * as tf from '@tensorflow/tfjs-core';
import * as tfc from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Rng } from '@stablegen/backend';
import { buildDcganCritic } from '@stablegen/critics';
import { buildDcganGenerator } from '@stablegen/generators';
import { dcganStages } from '@stablegen/layers';
import { createDigitEvaluator, createImageSource, type DigitEvaluator, fixedLatent, type ImageSource } from '@stablegen/gan-training';
import { fitWhitening, Whitener } from '@stablegen/whitening';
import type { GanConfig } from './config.js';

export interface GanModels {
  generator: LayersModel;
  critic: LayersModel;
  optG: tf.Optimizer;
  optD: tf.Optimizer;
  source: ImageSource;
  /** Fixed latent batch for sample grids [sampleCount, latentDim]. */
  zFixed: tf.Tensor2D;
  /** Present for MNIST. */
  evaluator?: DigitEvaluator;
  /** ZCA whitening of the critic's input, when enabled. */
  whitener?: Whitener;
}

/** ZCA fitted on the first `n` training images [n, h, w, c]. */
function fitCriticWhitener(source: ImageSource, n: number): Whitener {
  const [, h, w, c] = source.data.x.shape;
  const count = Math.min(n, source.data.x.shape[0]);
  const sample = tfc.tensor4d(source.data.x.data.subarray(0, count * h * w * c), [count, h, w, c]);
  const fit = fitWhitening(sample, { epsilon: 1e-2 });
  sample.dispose();
  return new Whitener(fit, 'zca');
}

export async function buildGanModels(config: Readonly<GanConfig>, rng: Rng): Promise<GanModels> {
  const source = await createImageSource({ ...config, seed: config.seed });
  const shape = { resolution: source.resolution, channels: source.channels };
  const widths = Array.from({ length: dcganStages(source.resolution) }, (_, i) => Math.max(8, config.width >> i)); // 28: [width, width/2]
  const generator = buildDcganGenerator({ ...shape, widths, latentDim: config.latentDim, batchNorm: config.generatorBatchNorm, rng });
  const critic = buildDcganCritic({ ...shape, widths: [...widths].reverse(), normalization: config.criticNorm, spectralNorm: config.spectralNorm, rng });
  return {
    generator,
    critic,
    optG: tfc.train.adam(config.lrG, config.beta1, config.beta2),
    optD: tfc.train.adam(config.lrD, config.beta1, config.beta2),
    source,
    zFixed: fixedLatent(config.sampleCount, config.latentDim, config.seed),
    evaluator: config.dataset === 'mnist' ? await createDigitEvaluator(config.evalSamples, config.latentDim, config.seed) : undefined,
    whitener: config.whiten ? fitCriticWhitener(source, 2000) : undefined,
  };
}

export function disposeGanModels(m: GanModels): void {
  m.generator.dispose();
  m.critic.dispose();
  m.optG.dispose();
  m.optD.dispose();
  m.zFixed.dispose();
  m.evaluator?.dispose();
  m.whitener?.dispose();
}
