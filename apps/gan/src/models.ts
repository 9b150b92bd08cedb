/**
 * The gan family's models: for images a DCGAN generator and critic sized to the data; for a 2-D
 * mixture an MLP generator and critic. Each comes with Adam for both players, its real-data stream
 * and its view (samples and metrics on a fixed latent batch, from @stablegen/gan-training).
 */
import type * as tf from '@tensorflow/tfjs-core';
import * as tfc from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Rng } from '@stablegen/random';
import { buildDcganCritic, buildMlpCritic } from '@stablegen/critics';
import { buildDcganGenerator, buildMlpGenerator } from '@stablegen/generators';
import { dcganStages } from '@stablegen/layers';
import {
  createDigitEvaluator,
  createImageSource,
  type Forward,
  forwardOf,
  type GeneratorView,
  type ImageSource,
  imageRealData,
  imageView,
  isMixtureName,
  labelsOf,
  type LatentPrior,
  latentPrior,
  mixtureTrainingData,
  mlpHidden,
  type MonitoredGan,
  packLabelled,
  unpackLabelled,
} from '@stablegen/gan-training';
import { UserError } from '@stablegen/trainer';
import { fitWhitening, Whitener } from '@stablegen/whitening';
import { type GanConfig, ganClasses } from './config.js';

/**
 * Generator, critic, Adam for both, their forward passes and the real-data stream (MonitoredGan), plus
 * the view. Class-conditional: real and fake batches are packed with their labels (packLabelled),
 * forward.generator packs the one-hot part of its latent, forward.critic unpacks.
 */
export interface GanModels extends MonitoredGan {
  view: GeneratorView;
  /** The generator's input: N(0, I), or [z | one-hot digit] when class-conditional. */
  prior: LatentPrior;
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

/**
 * Forward passes of a DCGAN pair on images [b, h, w, c]; the critic sees whitened images when a
 * whitener is given. With classes > 0 batches are packed [b, h * w * c + classes]: the generator
 * appends the one-hot part of its latent to its images, the critic splits images from labels.
 */
function imageForward(generator: LayersModel, critic: LayersModel, shape: readonly [number, number, number], classes: number, whitener?: Whitener) {
  const see = (x: tf.Tensor) => (whitener ? whitener.transform(x) : x);
  if (classes === 0) {
    const plainCritic = apply(critic);
    return { generator: apply(generator), critic: (x: tf.Tensor, training = false) => plainCritic(see(x), training) };
  }
  return {
    generator: (z: tf.Tensor, training = false) => packLabelled(apply(generator)(z, training) as tf.Tensor4D, labelsOf(z as tf.Tensor2D, classes)),
    critic: (packed: tf.Tensor, training = false) => {
      const { images, labels } = unpackLabelled(packed as tf.Tensor2D, shape);
      return critic.apply([see(images), labels], { training }) as tf.Tensor;
    },
  };
}
const optimisers = (c: Readonly<GanConfig>) => ({ optG: tfc.train.adam(c.lrG, c.beta1, c.beta2), optD: tfc.train.adam(c.lrD, c.beta1, c.beta2) });

async function buildImageModels(config: Readonly<GanConfig>, rng: Rng): Promise<GanModels> {
  const source = await createImageSource({ ...config, seed: config.seed });
  const shape = { resolution: source.resolution, channels: source.channels };
  const classes = ganClasses(config);
  const prior = latentPrior(config.latentDim, classes);
  const widths = Array.from({ length: dcganStages(source.resolution) }, (_, i) => Math.max(8, config.width >> i)); // 28: [width, width/2]
  const generator = buildDcganGenerator({ ...shape, widths, latentDim: prior.dim, batchNorm: config.generatorBatchNorm, rng });
  const critic = buildDcganCritic({ ...shape, widths: [...widths].reverse(), normalization: config.criticNorm, spectralNorm: config.spectralNorm, classes, rng });
  const zGrid = prior.fixed(config.sampleCount, config.seed);
  const digits = config.dataset === 'mnist' ? await createDigitEvaluator(config.evalSamples, config.latentDim, config.seed, { prior }) : undefined;
  const whitener = config.whiten ? fitCriticWhitener(source, 2000) : undefined;
  return {
    generator,
    critic,
    ...optimisers(config),
    forward: imageForward(generator, critic, [source.resolution, source.resolution, source.channels], classes, whitener),
    real: imageRealData(source, classes),
    view: imageView(zGrid, digits, classes || undefined),
    prior,
    whitener,
  };
}

function buildMixtureModels(config: Readonly<GanConfig>, rng: Rng): GanModels {
  if (config.whiten) throw new UserError(`--whiten is for image datasets, not the 2-D mixture '${config.dataset}'`, 'drop --whiten');
  ganClasses(config); // --conditional on a mixture is an error
  const hidden = mlpHidden(config);
  const generator = buildMlpGenerator({ latentDim: config.latentDim, hidden: hidden.generator, outputDim: 2, rng });
  const critic = buildMlpCritic({ inputDim: 2, hidden: hidden.critic, normalization: config.criticNorm, spectralNorm: config.spectralNorm, rng });
  return {
    generator,
    critic,
    ...optimisers(config),
    forward: { generator: forwardOf(generator), critic: forwardOf(critic) },
    ...mixtureTrainingData(config),
    prior: latentPrior(config.latentDim),
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
