/**
 * @stablegen/critics: DCGAN critic, MLP critic, growable progressive critic; normalisation choice
 * ('none' | 'layer' | 'instance' | 'batch', the last with a warning); the weight layers are made by
 * a replaceable factory (`weightLayers`), the hook for spectral normalisation.
 */
export { buildDcganCritic, type DcganCriticConfig, type DcganCriticOptions } from './dcgan-critic.js';
export { buildMlpCritic, type MlpCriticConfig, type MlpCriticOptions } from './mlp-critic.js';
export { ProgressiveCritic, type ProgressiveCriticConfig, type ProgressiveCriticOptions } from './progressive-critic.js';
export { downBlock, finalBlock, fromRgb } from './progressive-critic-blocks.js';
export {
  checkNormalization,
  normalizationLayer,
  normThenLeaky,
  CRITIC_NORMALIZATIONS,
  type CriticLogger,
  type CriticNormalization,
} from './normalization.js';
export { criticWeightLayers, type WeightInit } from './critic-weights.js';
export {
  dcganWeightLayers,
  glorotWeightLayers,
  heWeightLayers,
  spectralNormWeightLayers,
  type ConvRequest,
  type DenseRequest,
  type WeightLayers,
} from './weight-layers.js';
