/**
 * MLP critic for 2-D toy data: hidden dense layers, each followed by the chosen normalisation and
 * LeakyReLU(0.2), then dense 1 (a raw score).
 */
import { input, type LayersModel, model } from '@tensorflow/tfjs-layers';
import { applyChain, applySymbolic, resolveRng, type SeedOptions } from '@stablegen/layers';
import { criticWeightLayers } from './critic-weights.js';
import { spectralNormWeightLayers } from './weight-layers.js';
import type { WeightLayers } from './weight-layers.js';
import { checkNormalization, type CriticLogger, type CriticNormalization, normThenLeaky } from './normalization.js';

export interface MlpCriticConfig {
  /** Input coordinates (default 2). */
  inputDim?: number;
  /** Hidden widths (default [128, 128, 128]). */
  hidden?: number[];
  /** 'none' (default), 'layer' or 'batch' (warns); 'instance' throws (no spatial axes). */
  normalization?: CriticNormalization;
  /** Makes every weight layer (default: seeded Glorot-uniform dense); e.g. a spectral-norm factory. */
  weightLayers?: WeightLayers;
  /** Spectral normalisation on every weight layer (ignored when weightLayers is given; default false). */
  spectralNorm?: boolean;
  /** Receives the warning for 'batch' (default console). */
  logger?: CriticLogger;
}

export type MlpCriticOptions = MlpCriticConfig & SeedOptions;

/** Input [batch, inputDim], output [batch, 1]. Glorot-uniform seeded weights. */
export function buildMlpCritic(options: MlpCriticOptions): LayersModel {
  const { inputDim = 2, hidden = [128, 128, 128] } = options;
  const norm = checkNormalization(options.normalization ?? 'none', 'buildMlpCritic', options.logger ?? console, true);
  const rng = resolveRng(options, 'buildMlpCritic');
  const weights = options.weightLayers ?? (options.spectralNorm ? spectralNormWeightLayers(rng) : criticWeightLayers(rng, 'glorot'));
  const x = input({ shape: [inputDim], name: 'point' });
  let h = x;
  for (const units of hidden) h = applyChain([weights.dense({ units }), ...normThenLeaky(norm)], h); // [b, units]
  const score = applySymbolic(weights.dense({ units: 1, gain: 1 }), h); // [b, 1]
  return model({ inputs: x, outputs: score, name: 'mlp_critic' });
}
