/**
 * DCGAN generator (Radford et al. 2016): latent -> dense -> [s0, s0, w0] -> stride-2 transposed
 * convolutions (kernel 4, 'same') with ReLU (optional batch norm) -> tanh image in [-1, 1].
 * MNIST default: dense 64 -> 7x7x64, convT 64 -> 32 (14x14), convT 32 -> 1 (28x28).
 */
import { initializers, input, type LayersModel, layers, model, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import { applySymbolic, dcganWidths, nextInitSeed, resolveRng, type SeedOptions } from '@stablegen/layers';
import type { Rng } from '@stablegen/random';

export interface DcganGeneratorConfig {
  /** Output side: 28 (MNIST), 32, 64, ...; must equal s0 * 2^widths.length. */
  resolution: number;
  /** Output channels (default 1). */
  channels?: number;
  /** Latent size (default 64). */
  latentDim?: number;
  /** Feature maps before each transposed conv, widest first (default `dcganWidths(resolution)`). */
  widths?: number[];
  /** Batch norm after the dense and every hidden transposed conv (default false). */
  batchNorm?: boolean;
}

export type DcganGeneratorOptions = DcganGeneratorConfig & SeedOptions;

/** Weights N(0, 0.02), as in Radford et al. 2016, sec. 4. */
function dcganInit(rng: Rng) {
  return initializers.randomNormal({ mean: 0, stddev: 0.02, seed: nextInitSeed(rng) });
}

/** The spatial side s0 of the first feature map; throws when widths do not fit the resolution. */
function baseSide(resolution: number, stages: number): number {
  const s0 = resolution / 2 ** stages;
  if (!Number.isInteger(s0) || s0 < 1) {
    throw new Error(`DCGAN: resolution ${resolution} is not divisible by 2^${stages} (one halving per width)`);
  }
  return s0;
}

/**
 * Builds the generator. Input [batch, latentDim], output [batch, resolution, resolution, channels]
 * in [-1, 1]. Call it with `{ training: true }` (model.apply) when batch norm is on.
 */
export function buildDcganGenerator(options: DcganGeneratorOptions): LayersModel {
  const { resolution, channels = 1, latentDim = 64, batchNorm = false } = options;
  const widths = options.widths ?? dcganWidths(resolution);
  const rng = resolveRng(options, 'buildDcganGenerator');
  const s0 = baseSide(resolution, widths.length);
  const z = input({ shape: [latentDim], name: 'latent' });
  const projection = layers.dense({ units: s0 * s0 * widths[0], useBias: !batchNorm, kernelInitializer: dcganInit(rng) });
  const flat = applySymbolic(projection, z); // [b, s0 * s0 * w0]
  let h = applySymbolic(layers.reshape({ targetShape: [s0, s0, widths[0]] }), flat); // [b, s0, s0, w0]
  h = hiddenActivation(h, batchNorm);
  for (let i = 0; i < widths.length; i++) {
    const last = i === widths.length - 1;
    const filters = last ? channels : widths[i + 1];
    const conv = layers.conv2dTranspose({
      filters, kernelSize: 4, strides: 2, padding: 'same', useBias: last || !batchNorm, kernelInitializer: dcganInit(rng),
    });
    h = applySymbolic(conv, h); // [b, s0 * 2^(i+1), s0 * 2^(i+1), filters]
    h = last ? applySymbolic(layers.activation({ activation: 'tanh' }), h) : hiddenActivation(h, batchNorm);
  }
  return model({ inputs: z, outputs: h, name: `dcgan_generator_${resolution}` });
}

/** [batch norm] -> ReLU; shape kept. */
function hiddenActivation(h: SymbolicTensor, batchNorm: boolean): SymbolicTensor {
  const normed = batchNorm ? applySymbolic(layers.batchNormalization({ axis: -1 }), h) : h;
  return applySymbolic(layers.reLU(), normed);
}
