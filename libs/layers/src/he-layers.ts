/**
 * Dense / 3x3 conv layers with He-scaled weights, either at run time (equalised learning rate,
 * Karras et al. 2018) or at initialisation (tf.layers with a seeded fan-in variance-scaling
 * initialiser, He et al. 2015). Progressive generators and critics take the choice as an option.
 */
import { initializers, layers } from '@tensorflow/tfjs-layers';
import { EqualizedConv2D } from './equalized-conv2d.js';
import { EqualizedDense } from './equalized-dense.js';

export interface HeLayerArgs {
  /** true: N(0, 1) weights scaled by sqrt(gain / fanIn) per call; false: init with that std. */
  equalized: boolean;
  /** Initialiser seed (draw it with `nextInitSeed(rng)`). */
  seed: number;
  /** Variance gain: 2 before a (leaky) ReLU (default), 1 before a linear output. */
  gain?: number;
  useBias?: boolean;
  name?: string;
}

/** Std of N(0, 1) truncated to [-2, 2]; tfjs's 'normal' variance scaling draws that, uncorrected. */
const TRUNCATED_STD = 0.8796256610342398;

/** Truncated normal with std sqrt(gain / fanIn) after Keras's truncation correction. */
function heInit(gain: number, seed: number) {
  const scale = gain / TRUNCATED_STD ** 2;
  return initializers.varianceScaling({ scale, mode: 'fanIn', distribution: 'normal', seed });
}

/** Conv with stride 1 and 'same' padding: [batch, h, w, cIn] -> [batch, h, w, filters]. */
export function heConv2d(args: HeLayerArgs & { filters: number; kernelSize: number }): layers.Layer {
  const { equalized, seed, gain = 2, useBias = true, name, filters, kernelSize } = args;
  if (equalized) return new EqualizedConv2D({ filters, kernelSize, gain, useBias, seed, name });
  const kernelInitializer = heInit(gain, seed);
  return layers.conv2d({ filters, kernelSize, padding: 'same', useBias, kernelInitializer, name });
}

/** Dense: [batch, fanIn] -> [batch, units]. */
export function heDense(args: HeLayerArgs & { units: number }): layers.Layer {
  const { equalized, seed, gain = 2, useBias = true, name, units } = args;
  if (equalized) return new EqualizedDense({ units, gain, useBias, seed, name });
  return layers.dense({ units, useBias, kernelInitializer: heInit(gain, seed), name });
}
