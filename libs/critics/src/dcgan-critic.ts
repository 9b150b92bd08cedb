/**
 * DCGAN critic (Radford et al. 2016): stride-2 convolutions (kernel 4, 'same') each followed by
 * the chosen normalisation (not on the first block, as in the paper) and LeakyReLU(0.2), then
 * flatten -> dense 1 (a raw score: no sigmoid, losses take logits). With `classes` it is a
 * projection discriminator (Miyato & Koyama 2018, eq. 3): a second input takes one-hot labels
 * y [b, classes] and the score gains the inner product of the features with a class embedding,
 * D(x, y) = dense1(phi(x)) + <E y, phi(x)>. E is an embedding table with N(0, 1) entries (the
 * reference code's init; N(0, 0.02) learnt the labels visibly slower in our replica), or the
 * weight-layer factory's dense when one is given (spectral norm then bounds it too).
 */
import { initializers, input, type LayersModel, layers, model } from '@tensorflow/tfjs-layers';
import { applyChain, applySymbolic, dcganWidths, nextInitSeed, resolveRng, type SeedOptions } from '@stablegen/layers';
import { checkNormalization, type CriticLogger, type CriticNormalization, normThenLeaky } from './normalization.js';
import { criticWeightLayers } from './critic-weights.js';
import { spectralNormWeightLayers } from './weight-layers.js';
import type { WeightLayers } from './weight-layers.js';

export interface DcganCriticConfig {
  /** Input side: 28 (MNIST), 32, 64, ...; must be divisible by 2^widths.length. */
  resolution: number;
  /** Input channels (default 1). */
  channels?: number;
  /** Feature maps of each stride-2 block, narrowest first (default: the generator's, reversed). */
  widths?: number[];
  /** Normalisation after every conv but the first (default 'none'). */
  normalization?: CriticNormalization;
  /**
   * Makes every weight layer (default: tf.layers with N(0, 0.02) kernels). Pass a spectral-norm
   * factory here to normalise every weight layer; it must support stride-2 convs.
   */
  weightLayers?: WeightLayers;
  /** Spectral normalisation on every weight layer (ignored when weightLayers is given; default false). */
  spectralNorm?: boolean;
  /** Receives the warning for 'batch' (default console). */
  logger?: CriticLogger;
  /** Class-conditional projection head for this many classes (default 0 = unconditional, one input). */
  classes?: number;
}

export type DcganCriticOptions = DcganCriticConfig & SeedOptions;

/** Input [batch, resolution, resolution, channels] (and with `classes` a second input, one-hot [batch, classes]), output [batch, 1]. */
export function buildDcganCritic(options: DcganCriticOptions): LayersModel {
  const { resolution, channels = 1 } = options;
  const widths = options.widths ?? [...dcganWidths(resolution)].reverse();
  if (!Number.isInteger(resolution / 2 ** widths.length)) {
    throw new Error(`buildDcganCritic: resolution ${resolution} is not divisible by 2^${widths.length} (one halving per width)`);
  }
  const norm = checkNormalization(options.normalization ?? 'none', 'buildDcganCritic', options.logger ?? console);
  const rng = resolveRng(options, 'buildDcganCritic');
  const weights = options.weightLayers ?? (options.spectralNorm ? spectralNormWeightLayers(rng) : criticWeightLayers(rng, 'dcgan'));
  const x = input({ shape: [resolution, resolution, channels], name: 'image' });
  let h = x;
  widths.forEach((filters, i) => {
    h = applySymbolic(weights.conv({ filters, kernelSize: 4, strides: 2 }), h); // [b, res / 2^(i+1), ., filters]
    h = applyChain(normThenLeaky(i === 0 ? 'none' : norm), h);
  });
  const flat = applySymbolic(layers.flatten(), h); // [b, s * s * widths[last]]
  const score = applySymbolic(weights.dense({ units: 1, gain: 1 }), flat); // [b, 1]
  const classes = options.classes ?? 0;
  if (classes === 0) return model({ inputs: x, outputs: score, name: `dcgan_critic_${resolution}` });
  const labels = input({ shape: [classes], name: 'label' });
  const units = flat.shape[1] as number;
  const table =
    options.weightLayers || options.spectralNorm
      ? weights.dense({ units, gain: 1 })
      : layers.dense({ units, useBias: false, kernelInitializer: initializers.randomNormal({ mean: 0, stddev: 1, seed: nextInitSeed(rng) }) });
  const embedding = applySymbolic(table, labels); // [b, s * s * widths[last]]
  const projection = applySymbolic(layers.dot({ axes: 1 }), [flat, embedding]); // [b, 1]
  const conditional = applySymbolic(layers.add(), [score, projection]); // [b, 1]
  return model({ inputs: [x, labels], outputs: conditional, name: `dcgan_projection_critic_${resolution}` });
}
