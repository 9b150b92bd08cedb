/** @stablegen/spectral-norm: spectral normalisation with a persistent u per weight (Miyato et al. 2018). */
export { spectralNormalize, asMatrix, stopGradient, type SpectralNormResult } from './power-iteration.js';
export { SpectralNorm, type SpectralNormOptions } from './spectral-norm-state.js';
export {
  SpectralNormDense,
  SpectralNormConv2D,
  type SnCommonArgs,
  type SpectralNormDenseArgs,
  type SpectralNormConv2DArgs,
} from './sn-layers.js';
export { layerSigmas } from './layer-sigmas.js';
