/**
 * The gan family's models: for images a DCGAN generator and critic sized to the data; for a 2-D
 * mixture an MLP generator and critic. Each comes with Adam for both players, its real-data stream
 * and its view (samples and metrics on a fixed latent batch, from @stablegen/gan-training).
 */
import type * as tf from '@tensorflow/tfjs-core';
import * as tfc from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Rng } from '@stablegen/backend';
import { buildDcganCritic, buildMlpCritic } from '@stablegen/critics';
import { buildDcganGenerator, buildMlpGenerator } from '@stablegen/generators';
import { dcganStages } from '@stablegen/layers';
import {
  createDigitEvaluator,
  createImageSource,
  fixedLatent,
  type Forward,
  forwardOf,
  type GeneratorView,
  type ImageSource,
  imageRealData,
  imageView,
  isMixtureName,
  mixtureTrainingData,
  type MonitoredGan,
} from '@stablegen/gan-training';
import { UserError } from '@stablegen/trainer';
import { fitWhitening, Whitener } from '@stablegen/whitening';
import type { GanConfig } from './config.js';

/** Generator, critic, Adam for both, their forward passes and the real-data stream (MonitoredGan), plus the view. */
export interface GanModels extends MonitoredGan {
  view: GeneratorView;
  /** ZCA whitening of the critic's input, when enabled (images only). */
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

const apply = (model: LayersModel): Forward => (x, training = false) => model.apply(x, { training }) as tf.Tensor;
const optimisers = (c: Readonly<GanConfig>) => ({ optG: tfc.train.adam(c.lrG, c.beta1, c.beta2), optD: tfc.train.adam(c.lrD, c.beta1, c.beta2) });

async function buildImageModels(config: Readonly<GanConfig>, rng: Rng): Promise<GanModels> {
  const source = await createImageSource({ ...config, seed: config.seed });
  const shape = { resolution: source.resolution, channels: source.channels };
  const widths = Array.from({ length: dcganStages(source.resolution) }, (_, i) => Math.max(8, config.width >> i)); // 28: [width, width/2]
  const generator = buildDcganGenerator({ ...shape, widths, latentDim: config.latentDim, batchNorm: config.generatorBatchNorm, rng });
  const critic = buildDcganCritic({ ...shape, widths: [...widths].reverse(), normalization: config.criticNorm, spectralNorm: config.spectralNorm, rng });
  const zGrid = fixedLatent(config.sampleCount, config.latentDim, config.seed);
  const digits = config.dataset === 'mnist' ? await createDigitEvaluator(config.evalSamples, config.latentDim, config.seed) : undefined;
  return {
    generator,
    critic,
    ...optimisers(config),
    forward: { generator: apply(generator), critic: apply(critic) },
    real: imageRealData(source),
    view: imageView(zGrid, digits),
    whitener: config.whiten ? fitCriticWhitener(source, 2000) : undefined,
  };
}

function buildMixtureModels(config: Readonly<GanConfig>, rng: Rng): GanModels {
  if (config.whiten) throw new UserError(`--whiten is for image datasets, not the 2-D mixture '${config.dataset}'`, 'drop --whiten');
  const hidden = Array.from({ length: config.mlpDepth }, () => config.mlpWidth);
  const generator = buildMlpGenerator({ latentDim: config.latentDim, hidden, outputDim: 2, rng });
  const critic = buildMlpCritic({ inputDim: 2, hidden, normalization: config.criticNorm, spectralNorm: config.spectralNorm, rng });
  return {
    generator,
    critic,
    ...optimisers(config),
    forward: { generator: forwardOf(generator), critic: forwardOf(critic) },
    ...mixtureTrainingData(config),
  };
}

/** Models, optimisers, data and view for `config.dataset`; weights drawn from `rng`. */
export async function buildGanModels(config: Readonly<GanConfig>, rng: Rng): Promise<GanModels> {
  return isMixtureName(config.dataset) ? buildMixtureModels(config, rng) : buildImageModels(config, rng);
}

export function disposeGanModels(m: GanModels): void {
  m.generator.dispose();
  m.critic.dispose();
  m.optG.dispose();
  m.optD.dispose();
  m.view.dispose();
  m.whitener?.dispose();
}
