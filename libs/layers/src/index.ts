/**
 * @stablegen/layers: custom tfjs-layers used by generators and critics. Every layer is registered
 * with `tf.serialization.registerClass`, so models that use them save with `model.save` and load
 * with `tf.loadLayersModel` once this package has been imported.
 */
export { PixelNorm, pixelNorm, type PixelNormArgs } from './pixel-norm.js';
export { MinibatchStdDev, minibatchStdDev, type MinibatchStdDevArgs } from './minibatch-stddev.js';
export { heConstant } from './he-constant.js';
export { EqualizedDense, type EqualizedDenseArgs } from './equalized-dense.js';
export { EqualizedConv2D, type EqualizedConv2DArgs } from './equalized-conv2d.js';
export { EqualizedLayer, type EqualizedArgs } from './equalized-layer.js';
export { FadeIn, fadeIn, type FadeInArgs } from './fade-in.js';
export { GrowingNetwork } from './growing-network.js';
export { nearestUpsample, avgDownsample } from './resample.js';
export { NearestUpsample, AvgDownsample, type ResampleArgs } from './resample-layers.js';
export { standardize } from './standardize.js';
export { AffineNorm, type AffineNormArgs } from './affine-norm.js';
export { LayerNorm } from './layer-norm.js';
export { InstanceNorm } from './instance-norm.js';
export { cloneLayersModel, saveToArtifacts } from './clone-model.js';
export { resolveRng, nextInitSeed, type SeedOptions } from './seed.js';
export type { LayerArgs, Kwargs, Shape } from './layer-types.js';
export { heConv2d, heDense, type HeLayerArgs } from './he-layers.js';
export { applySymbolic, applyChain } from './symbolic.js';
export { dcganStages, dcganWidths } from './dcgan-widths.js';
export { trainableVariables } from './trainable-variables.js';
export { fusedDense, type DenseActivation } from './fused-dense.js';
export { fusedConv2d, type Conv2dGeometry } from './fused-conv2d.js';
