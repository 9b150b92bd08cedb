/**
 * The wgan-gp family's models: for images a DCGAN generator and a DCGAN critic without batch norm;
 * for a 2-D mixture an MLP generator and critic. Each comes with its real-data stream and its
 * view (samples and metrics on a fixed latent batch; `@stablegen/gan-training`), and optionally
 * a moving average of the generator's weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Rng } from '@stablegen/random';
import { buildDcganCritic, buildMlpCritic } from '@stablegen/critics';
import { DataError } from '@stablegen/data';
import { buildDcganGenerator, buildMlpGenerator } from '@stablegen/generators';
import { WeightEma } from '@stablegen/stability';
import { dcganStages } from '@stablegen/layers';
import {
  createDigitEvaluator,
  createImageSource,
  fixedLatent,
  type Forward,
  forwardOf,
  type GeneratorView,
  imageRealData,
  imageView,
  isMixtureName,
  mixtureTrainingData,
  mlpHidden,
  type RealData,
} from '@stablegen/gan-training';
import type { WganGpConfig } from './config.js';

export interface WganGpModels {
  generator: LayersModel;
  critic: LayersModel;
  optG: tf.AdamOptimizer;
  optD: tf.AdamOptimizer;
  /** Forward passes of both (layer chains run layer by layer; see forwardOf). */
  forward: { generator: Forward; critic: Forward };
  real: RealData;
  view: GeneratorView;
  /** Moving average of the generator's weights (config.emaDecay > 0), updated after each generator update. */
  ema?: WeightEma;
}

const adam = (lr: number, c: Readonly<WganGpConfig>) => tf.train.adam(lr, c.beta1, c.beta2);

/** Both models with their forward passes and optimisers. */
function withOptimizers(generator: LayersModel, critic: LayersModel, config: Readonly<WganGpConfig>) {
  const forward = { generator: forwardOf(generator), critic: forwardOf(critic) };
  return { generator, critic, forward, optG: adam(config.lrG, config), optD: adam(config.lrD, config) };
}

async function buildImageModels(config: Readonly<WganGpConfig>, rng: Rng): Promise<WganGpModels> {
  const source = await createImageSource({ ...config, seed: config.seed });
  const shape = { resolution: source.resolution, channels: source.channels };
  const widths = Array.from({ length: dcganStages(source.resolution) }, (_, i) => Math.max(8, config.width >> i)); // 28: [width, width/2]
  const generator = buildDcganGenerator({ ...shape, widths, latentDim: config.latentDim, batchNorm: config.generatorBatchNorm, rng });
  const critic = buildDcganCritic({ ...shape, widths: [...widths].reverse(), normalization: config.criticNorm, rng });
  const zGrid = fixedLatent(config.sampleCount, config.latentDim, config.seed);
  const digits = config.dataset === 'mnist' ? await createDigitEvaluator(config.evalSamples, config.latentDim, config.seed) : undefined;
  return { ...withOptimizers(generator, critic, config), real: imageRealData(source), view: imageView(zGrid, digits) };
}

function buildMixtureModels(config: Readonly<WganGpConfig>, rng: Rng): WganGpModels {
  const data = mixtureTrainingData(config);
  const hidden = mlpHidden(config);
  const generator = buildMlpGenerator({ latentDim: config.latentDim, hidden: hidden.generator, outputDim: 2, rng });
  const critic = buildMlpCritic({ inputDim: 2, hidden: hidden.critic, normalization: 'none', rng });
  return { ...withOptimizers(generator, critic, config), ...data };
}

/** Models, optimisers, data and view for `config.dataset`; weights drawn from `rng`. */
export async function buildWganGpModels(config: Readonly<WganGpConfig>, rng: Rng): Promise<WganGpModels> {
  if (!isMixtureName(config.dataset) && config.dataset !== 'mnist' && !config.dataset.startsWith('folder:')) {
    throw new DataError('unknown-dataset', `unknown dataset '${config.dataset}'`, "Use 'mnist', 'folder:<path>', 'ring8' or 'grid25'.");
  }
  const m = isMixtureName(config.dataset) ? buildMixtureModels(config, rng) : await buildImageModels(config, rng);
  return config.emaDecay > 0 ? { ...m, ema: new WeightEma(m.generator, { decay: config.emaDecay, biasCorrection: true }) } : m;
}

export function disposeWganGpModels(m: WganGpModels): void {
  m.generator.dispose();
  m.critic.dispose();
  m.optG.dispose();
  m.optD.dispose();
  m.view.dispose();
  m.ema?.dispose();
}
