/**
 * MLP generator for 2-D toy data (mixtures of Gaussians, rings): latent -> hidden dense layers
 * with ReLU -> a linear output of `outputDim` coordinates (Gulrajani et al. 2017 use 3 x 512).
 */
import { initializers, input, type LayersModel, layers, model } from '@tensorflow/tfjs-layers';
import { applySymbolic, nextInitSeed, resolveRng, type SeedOptions } from '@stablegen/layers';

export interface MlpGeneratorConfig {
  /** Latent size (default 2). */
  latentDim?: number;
  /** Hidden widths, one dense + ReLU each (default [128, 128, 128]). */
  hidden?: number[];
  /** Output coordinates (default 2). */
  outputDim?: number;
}

export type MlpGeneratorOptions = MlpGeneratorConfig & SeedOptions;

/** Input [batch, latentDim], output [batch, outputDim] (linear). Glorot-uniform seeded weights. */
export function buildMlpGenerator(options: MlpGeneratorOptions): LayersModel {
  const { latentDim = 2, hidden = [128, 128, 128], outputDim = 2 } = options;
  const rng = resolveRng(options, 'buildMlpGenerator');
  const dense = (units: number) =>
    layers.dense({ units, kernelInitializer: initializers.glorotUniform({ seed: nextInitSeed(rng) }) });
  const z = input({ shape: [latentDim], name: 'latent' });
  let h = z;
  for (const units of hidden) h = applySymbolic(layers.reLU(), applySymbolic(dense(units), h)); // [b, units]
  const out = applySymbolic(dense(outputDim), h); // [b, outputDim]
  return model({ inputs: z, outputs: out, name: 'mlp_generator' });
}
