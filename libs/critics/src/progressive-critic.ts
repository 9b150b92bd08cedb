/**
 * Growable critic of progressive growing (Karras et al. 2018). Stage k reads 4 * 2^k pixels
 * square. `grow()` adds fromRGB + a downsampling block at double resolution, blended on the input
 * side during the fade-in: h = (1 - alpha) * fromRGB_old(down(x)) + alpha * block(fromRGB_new(x)).
 * A minibatch-stddev map is appended before the final 4x4 block. Every phase's model re-applies
 * the same layer objects, so weights carry over.
 */
import { input, type LayersModel, layers, model, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import { applyChain, applySymbolic, AvgDownsample, GrowingNetwork, resolveRng, type SeedOptions } from '@stablegen/layers';
import { criticWeightLayers } from './critic-weights.js';
import { checkNormalization, type CriticLogger, type CriticNormalization } from './normalization.js';
import { downBlock, finalBlock, fromRgb } from './progressive-critic-blocks.js';
import type { WeightLayers } from './weight-layers.js';

export interface ProgressiveCriticConfig {
  /** Feature maps per stage: widths[k] at 4 * 2^k pixels (as in the generator). */
  widths: number[];
  /** Input channels (default 3). */
  channels?: number;
  /** Equalised learning rate (default true unless weightLayers is given). */
  equalizedLR?: boolean;
  /** Normalisation after every conv of the blocks (default 'none', as in the paper). */
  normalization?: CriticNormalization;
  /**
   * Makes every weight layer (stride-1 convs and denses) instead of the He-scaled defaults, e.g. a
   * spectral-norm factory; excludes equalizedLR.
   */
  weightLayers?: WeightLayers;
  /** Receives the warning for 'batch' (default console). */
  logger?: CriticLogger;
}

export type ProgressiveCriticOptions = ProgressiveCriticConfig & SeedOptions;

export class ProgressiveCritic extends GrowingNetwork {
  readonly channels: number;
  readonly normalization: CriticNormalization;
  /** fromRGB[k]: 1x1 conv + LeakyReLU reading images of stage k. */
  readonly fromRGB: layers.Layer[][] = [];
  private readonly weights: WeightLayers;
  private skipDownsample?: AvgDownsample;

  /** Builds stage 0. Input [batch, 4, 4, channels], output [batch, 1]. */
  constructor(options: ProgressiveCriticOptions) {
    super('ProgressiveCritic', options.widths);
    const custom = options.weightLayers;
    const equalized = options.equalizedLR ?? custom === undefined;
    if (custom && equalized) throw new Error('ProgressiveCritic: choose weightLayers or equalizedLR, not both');
    this.channels = options.channels ?? 3;
    this.normalization = checkNormalization(options.normalization ?? 'none', 'ProgressiveCritic', options.logger ?? console);
    const rng = resolveRng(options, 'ProgressiveCritic');
    this.weights = custom ?? criticWeightLayers(rng, equalized ? 'equalized' : 'he');
    this.blocks.push(finalBlock(this.widths[0], this.normalization, this.weights));
    this.fromRGB.push(fromRgb(this.widths[0], this.weights));
    this.rebuild();
  }

  /**
   * Stage k's fromRGB and downsampling block, blended on the input side: at alpha = 0 the model is
   * the previous stage applied to the 2x2-average-downsampled input.
   */
  protected addStage(k: number): void {
    this.blocks.push(downBlock(this.widths[k], this.widths[k - 1], this.normalization, this.weights));
    this.fromRGB.push(fromRgb(this.widths[k], this.weights));
    this.skipDownsample = new AvgDownsample({ factor: 2 });
  }

  /** A fresh functional model that re-applies every stage's layers. */
  protected buildModel(): LayersModel {
    const x = input({ shape: [this.resolution, this.resolution, this.channels], name: 'image' });
    const k = this.stage;
    const name = `progressive_critic_${this.resolution}`;
    let h: SymbolicTensor = applyChain(this.fromRGB[k], x); // [b, res, res, widths[k]]
    if (k === 0) return model({ inputs: x, outputs: applyChain(this.blocks[0], h), name }); // [b, 1]
    h = applyChain(this.blocks[k], h); // [b, res / 2, res / 2, widths[k - 1]]
    if (this.fade && this.skipDownsample) {
      const old = applyChain(this.fromRGB[k - 1], applySymbolic(this.skipDownsample, x)); // [b, res / 2, res / 2, widths[k - 1]]
      h = applySymbolic(this.fade, [old, h]);
    }
    for (let j = k - 1; j >= 0; j--) h = applyChain(this.blocks[j], h); // ... -> [b, 1]
    return model({ inputs: x, outputs: h, name });
  }
}
