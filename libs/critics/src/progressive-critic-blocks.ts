/**
 * The layer stacks of a progressive critic (Karras et al. 2018, table 2), as plain layer lists
 * so each phase's model re-applies the same layer objects.
 */
import { layers } from '@tensorflow/tfjs-layers';
import { AvgDownsample, MinibatchStdDev } from '@stablegen/layers';
import { type CriticNormalization, normThenLeaky } from './normalization.js';
import type { WeightLayers } from './weight-layers.js';

/** fromRGB: 1x1 conv + LeakyReLU(0.2): [b, s, s, channels] -> [b, s, s, width]. */
export function fromRgb(width: number, weights: WeightLayers): layers.Layer[] {
  return [weights.conv({ filters: width, kernelSize: 1 }), layers.leakyReLU({ alpha: 0.2 })];
}

/**
 * Downsampling block of stage k >= 1: [b, s, s, width] -> conv 3x3 (width) -> conv 3x3 (outWidth),
 * each with [norm] + LeakyReLU -> 2x2 average pool -> [b, s / 2, s / 2, outWidth].
 */
export function downBlock(width: number, outWidth: number, norm: CriticNormalization, weights: WeightLayers): layers.Layer[] {
  const first = [weights.conv({ filters: width, kernelSize: 3 }), ...normThenLeaky(norm)];
  const second = [weights.conv({ filters: outWidth, kernelSize: 3 }), ...normThenLeaky(norm)];
  return [...first, ...second, new AvgDownsample({ factor: 2 })];
}

/**
 * Final 4x4 block: [b, 4, 4, width] -> minibatch stddev (+1 map) -> conv 3x3 (width) [norm] lrelu
 * -> flatten -> dense (width) lrelu -> dense 1 (linear) -> [b, 1].
 */
export function finalBlock(width: number, norm: CriticNormalization, weights: WeightLayers): layers.Layer[] {
  return [
    new MinibatchStdDev(),
    weights.conv({ filters: width, kernelSize: 3 }),
    ...normThenLeaky(norm),
    layers.flatten(),
    weights.dense({ units: width }),
    layers.leakyReLU({ alpha: 0.2 }),
    weights.dense({ units: 1, gain: 1 }),
  ];
}
