/**
 * A GAN family's models, built once for every family that trains a generator against a critic
 * (gan, wgan-gp): for images a DCGAN generator and critic sized by `dcganWidths` to the data; for
 * a 2-D mixture an MLP pair. Each comes with Adam for both players, the forward passes, the
 * real-data stream and the view (samples and metrics on a fixed latent batch).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { buildDcganCritic, buildMlpCritic, type CriticNormalization } from '@stablegen/critics';
import { parseDatasetName } from '@stablegen/data';
import { buildDcganGenerator, buildMlpGenerator } from '@stablegen/generators';
import { dcganWidths } from '@stablegen/layers';
import { adam } from '@stablegen/optimizers';
import type { Rng } from '@stablegen/random';
import { fitWhitening, Whitener } from '@stablegen/whitening';
import { createDigitEvaluator } from './digit-evaluation.js';
import { mlpHidden } from './data-flags.js';
import { createImageSource, type ImageSource } from './image-source.js';
import { labelsOf, latentPrior, type LatentPrior } from './latent-prior.js';
import { packLabelled, unpackLabelled } from './labelled-batch.js';
import { type Forward, forwardOf, multiInputForwardOf } from './layer-chain.js';
import type { MonitoredGan } from './gan-monitor.js';
import { type GeneratorView, imageRealData, imageView, mixtureTrainingData } from './training-data.js';

/** The config keys a GAN pair is built from (`ganDataFlags` plus the optimiser and view settings). */
export interface GanPairConfig {
  dataset: string;
  batchSize: number;
  seed: number;
  imageSize: number;
  channels: number;
  maxImagePixels: number;
  latentDim: number;
  mlpWidth: number;
  mlpDepth: number;
  mlpGeneratorDepth?: number;
  /** Feature maps of the widest DCGAN generator layer (dcganWidths). */
  width: number;
  generatorBatchNorm: boolean;
  lrG: number;
  lrD: number;
  beta1: number;
  beta2: number;
  sampleCount: number;
  evalSamples: number;
}

/** The family's choices that are not plain config keys. */
export interface GanPairOptions {
  /** Critic normalisation for image data and for a 2-D mixture. */
  criticNorm: { image: CriticNormalization; mixture: CriticNormalization };
  spectralNorm?: boolean;
  /** Digit classes to condition on (0 = unconditional; projection critic when > 0; images only). */
  classes?: number;
  /** ZCA-whiten the critic's input, fitted on the first 2,000 training images (images only). */
  whiten?: boolean;
}

/** Generator, critic, both optimisers, their forward passes, the real-data stream, the latent prior and the view. */
export interface GanPair extends MonitoredGan {
  optG: tf.AdamOptimizer;
  optD: tf.AdamOptimizer;
  view: GeneratorView;
  /** The generator's input: N(0, I), or [z | one-hot digit] when class-conditional. */
  prior: LatentPrior;
  whitener?: Whitener;
}

export const adamPair = (c: Readonly<GanPairConfig>) => ({ optG: adam(c.lrG, c.beta1, c.beta2), optD: adam(c.lrD, c.beta1, c.beta2) });

/** ZCA fitted on the first `n` training images [n, h, w, c]. */
function fitCriticWhitener(source: ImageSource, n: number): Whitener {
  const [, h, w, c] = source.data.x.shape;
  const count = Math.min(n, source.data.x.shape[0]);
  const sample = tf.tensor4d(source.data.x.data.subarray(0, count * h * w * c), [count, h, w, c]);
  const fit = fitWhitening(sample, { epsilon: 1e-2 });
  sample.dispose();
  return new Whitener(fit, 'zca');
}

/**
 * Forward passes of a DCGAN pair on images [b, h, w, c]; the critic sees whitened images when a
 * whitener is given. With classes > 0 batches are packed [b, h * w * c + classes]: the generator
 * appends the one-hot part of its latent to its images, the critic splits images from labels.
 */
function imageForward(generator: LayersModel, critic: LayersModel, shape: readonly [number, number, number], classes: number, whitener?: Whitener): { generator: Forward; critic: Forward } {
  const see = (x: tf.Tensor) => (whitener ? whitener.transform(x) : x);
  const g = forwardOf(generator);
  if (classes === 0) {
    const d = forwardOf(critic);
    return { generator: g, critic: (x, training = false) => d(see(x), training) };
  }
  const d = multiInputForwardOf(critic);
  return {
    generator: (z, training = false) => packLabelled(g(z, training) as tf.Tensor4D, labelsOf(z as tf.Tensor2D, classes)),
    critic: (packed, training = false) => {
      const { images, labels } = unpackLabelled(packed as tf.Tensor2D, shape);
      return d([see(images), labels], training);
    },
  };
}

async function buildImagePair(config: Readonly<GanPairConfig>, rng: Rng, o: GanPairOptions): Promise<GanPair> {
  const source = await createImageSource(config);
  const shape = { resolution: source.resolution, channels: source.channels };
  const classes = o.classes ?? 0;
  const prior = latentPrior(config.latentDim, classes);
  const widths = dcganWidths(source.resolution, config.width);
  const generator = buildDcganGenerator({ ...shape, widths, latentDim: prior.dim, batchNorm: config.generatorBatchNorm, rng });
  const critic = buildDcganCritic({ ...shape, widths: [...widths].reverse(), normalization: o.criticNorm.image, spectralNorm: o.spectralNorm, classes, rng });
  const zGrid = prior.fixed(config.sampleCount, config.seed);
  const digits = config.dataset === 'mnist' ? await createDigitEvaluator(config.evalSamples, config.latentDim, config.seed, { prior }) : undefined;
  const whitener = o.whiten ? fitCriticWhitener(source, 2000) : undefined;
  return {
    generator,
    critic,
    ...adamPair(config),
    forward: imageForward(generator, critic, [source.resolution, source.resolution, source.channels], classes, whitener),
    real: imageRealData(source, classes),
    view: imageView(zGrid, digits, classes || undefined),
    prior,
    whitener,
  };
}

function buildMixturePair(config: Readonly<GanPairConfig>, rng: Rng, o: GanPairOptions): GanPair {
  const hidden = mlpHidden(config);
  const generator = buildMlpGenerator({ latentDim: config.latentDim, hidden: hidden.generator, outputDim: 2, rng });
  const critic = buildMlpCritic({ inputDim: 2, hidden: hidden.critic, normalization: o.criticNorm.mixture, spectralNorm: o.spectralNorm, rng });
  return {
    generator,
    critic,
    ...adamPair(config),
    forward: { generator: forwardOf(generator), critic: forwardOf(critic) },
    ...mixtureTrainingData(config),
    prior: latentPrior(config.latentDim),
  };
}

/** The pair for `config.dataset` (mnist, folder:<path>, ring8, grid25); weights drawn from `rng`. */
export async function buildGanPair(config: Readonly<GanPairConfig>, rng: Rng, options: GanPairOptions): Promise<GanPair> {
  return parseDatasetName(config.dataset).kind === 'mixture' ? buildMixturePair(config, rng, options) : buildImagePair(config, rng, options);
}

export function disposeGanPair(m: GanPair): void {
  m.generator.dispose();
  m.critic.dispose();
  m.optG.dispose();
  m.optD.dispose();
  m.view.dispose();
  m.whitener?.dispose();
}

/** What a GAN pair's generator puts out, for the exported model's contract: images in [-1, 1] (tanh), or 2-D points. */
export function outputOf(dataset: string): { output: 'image' | 'points'; outputRange: [number, number] | null } {
  return parseDatasetName(dataset).kind === 'mixture' ? { output: 'points', outputRange: null } : { output: 'image', outputRange: [-1, 1] };
}
