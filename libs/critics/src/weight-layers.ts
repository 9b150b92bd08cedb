/**
 * How a critic makes its weight layers. The architecture asks for "a dense of n units" or "a conv
 * of f filters"; the factory decides the kind (plain, equalised learning rate, spectral norm) and
 * draws every initialiser seed from one rng.
 */
import { initializers, layers } from '@tensorflow/tfjs-layers';
import type { Rng } from '@stablegen/random';
import { heConv2d, heDense, nextInitSeed } from '@stablegen/layers';
import { SpectralNormConv2D, SpectralNormDense } from '@stablegen/spectral-norm';

export interface ConvRequest {
  filters: number;
  kernelSize: number;
  /** Stride (default 1); padding is always 'same'. */
  strides?: number;
  /** Variance gain for He-scaled factories (default 2). */
  gain?: number;
}

export interface DenseRequest {
  units: number;
  /** Variance gain for He-scaled factories (default 2; 1 for the linear output). */
  gain?: number;
}

export interface WeightLayers {
  conv(request: ConvRequest): layers.Layer;
  dense(request: DenseRequest): layers.Layer;
}

/** tf.layers with N(0, 0.02) kernels (Radford et al. 2016, sec. 4). */
export function dcganWeightLayers(rng: Rng): WeightLayers {
  const init = () => initializers.randomNormal({ mean: 0, stddev: 0.02, seed: nextInitSeed(rng) });
  return {
    conv: ({ filters, kernelSize, strides = 1 }) => layers.conv2d({ filters, kernelSize, strides, padding: 'same', kernelInitializer: init() }),
    dense: ({ units }) => layers.dense({ units, kernelInitializer: init() }),
  };
}

/** tf.layers.dense with seeded Glorot-uniform kernels (the tfjs default, seeded). */
export function glorotWeightLayers(rng: Rng): WeightLayers {
  const init = () => initializers.glorotUniform({ seed: nextInitSeed(rng) });
  return {
    conv: ({ filters, kernelSize, strides = 1 }) => layers.conv2d({ filters, kernelSize, strides, padding: 'same', kernelInitializer: init() }),
    dense: ({ units }) => layers.dense({ units, kernelInitializer: init() }),
  };
}

/** He-scaled layers, at run time when `equalized` (Karras et al. 2018) or at init otherwise. */
export function heWeightLayers(rng: Rng, equalized: boolean): WeightLayers {
  return {
    conv: ({ filters, kernelSize, strides = 1, gain }) => {
      if (strides !== 1) throw new Error('heWeightLayers: only stride 1 (downsample with AvgDownsample)');
      return heConv2d({ equalized, seed: nextInitSeed(rng), filters, kernelSize, gain });
    },
    dense: ({ units, gain }) => heDense({ equalized, seed: nextInitSeed(rng), units, gain }),
  };
}

/** Spectrally normalised layers (Miyato et al. 2018) with N(0, 0.02) kernels and a persistent u each. */
export function spectralNormWeightLayers(rng: Rng, powerIterations = 1): WeightLayers {
  return {
    conv: ({ filters, kernelSize, strides = 1 }) => new SpectralNormConv2D({ filters, kernelSize, strides, padding: 'same', seed: nextInitSeed(rng), powerIterations }),
    dense: ({ units }) => new SpectralNormDense({ units, seed: nextInitSeed(rng), powerIterations }),
  };
}
