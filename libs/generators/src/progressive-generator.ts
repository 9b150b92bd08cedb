/**
 * Growable generator of progressive growing (Karras et al. 2018). Stage k outputs
 * 4 * 2^k pixels square. `grow()` adds a block at double resolution and a new toRGB, and blends
 * during the fade-in: out = (1 - alpha) * up(toRGB_old(prev)) + alpha * toRGB_new(block(prev)).
 * Every phase's model re-applies the same layer objects, so weights carry over.
 */
import { input, type LayersModel, layers, model } from '@tensorflow/tfjs-layers';
import type { Rng } from '@stablegen/random';
import { tensor, type Tensor, tidy, zerosLike } from '@tensorflow/tfjs-core';
import { applyChain, applySymbolic, EqualizedLayer, GrowingNetwork, NearestUpsample, resolveRng, type SeedOptions } from '@stablegen/layers';
import { baseBlock, type BlockContext, LEAKY_SLOPE, toRgb, upBlock } from './progressive-blocks.js';
import { firstNarrowStage, identityGrowthWeights } from './identity-growth.js';

/** The weights a layer applies: an equalised layer's stored kernel times its run-time scale. */
function effective(layer: layers.Layer, kernel: Tensor): Float32Array {
  const scale = layer instanceof EqualizedLayer ? layer.scale : 1;
  return (kernel.dataSync() as Float32Array).map((v) => v * scale);
}

/** Stores an effective kernel (divided by an equalised layer's scale) and a bias (zeros unless given). */
function setEffective(layer: layers.Layer, kernel: Float32Array, bias?: Tensor): void {
  const [k, b] = layer.getWeights();
  const scale = layer instanceof EqualizedLayer ? layer.scale : 1;
  layer.setWeights([tensor(kernel.map((v) => v / scale), k.shape), bias ?? zerosLike(b)]);
}

export interface ProgressiveGeneratorConfig {
  /** Latent size (default 64). */
  latentDim?: number;
  /** Feature maps per stage: widths[k] at 4 * 2^k pixels; its length is the number of stages. */
  widths: number[];
  /** Output channels (default 3). */
  channels?: number;
  /** Equalised learning rate: N(0, 1) weights scaled by He's constant per call (default true). */
  equalizedLR?: boolean;
  /**
   * Identity warm-start (identity-growth.ts): every grown block and its toRGB start so the grown
   * network computes the previous stage's function, upsampled, at every alpha. Needs
   * widths[k] >= 2 widths[k - 1] (checked here). Default false: new blocks start at random.
   */
  identityGrowth?: boolean;
}

export type ProgressiveGeneratorOptions = ProgressiveGeneratorConfig & SeedOptions;

export class ProgressiveGenerator extends GrowingNetwork {
  readonly latentDim: number;
  readonly channels: number;
  readonly equalizedLR: boolean;
  readonly identityGrowth: boolean;
  /** toRGB[k]: the 1x1 output conv of stage k. */
  readonly toRGB: layers.Layer[] = [];
  private readonly ctx: BlockContext;
  private skipUpsample?: NearestUpsample;

  /** Builds stage 0 (4x4). Input [batch, latentDim], output [batch, 4, 4, channels]. */
  constructor(options: ProgressiveGeneratorOptions) {
    super('ProgressiveGenerator', options.widths);
    const rng: Rng = resolveRng(options, 'ProgressiveGenerator');
    this.latentDim = options.latentDim ?? 64;
    this.channels = options.channels ?? 3;
    this.equalizedLR = options.equalizedLR ?? true;
    this.identityGrowth = options.identityGrowth ?? false;
    const narrow = firstNarrowStage(this.widths);
    if (this.identityGrowth && narrow > 0) {
      throw new Error(`ProgressiveGenerator: identity growth needs every stage at least twice as wide as the one before; widths [${this.widths.join(', ')}] has ${this.widths[narrow]} after ${this.widths[narrow - 1]}`);
    }
    this.ctx = { equalized: this.equalizedLR, rng };
    this.blocks.push(baseBlock(this.widths[0], this.ctx));
    this.toRGB.push(toRgb(this.channels, this.ctx));
    this.rebuild();
  }

  /**
   * Stage k's block (double resolution) and toRGB, blended on the output side: at alpha = 0 the
   * model is the previous stage (its own toRGB on its own features), upsampled.
   */
  protected addStage(k: number): void {
    this.blocks.push(upBlock(this.widths[k], this.ctx));
    this.toRGB.push(toRgb(this.channels, this.ctx));
    this.skipUpsample = new NearestUpsample({ factor: 2 });
  }

  /** Adds the next stage (alpha 0); with `identityGrowth` its block starts as the identity (see the option). */
  override grow(): LayersModel {
    const grown = super.grow();
    if (this.identityGrowth) this.startAsIdentity();
    return grown;
  }

  /** Sets the newest block's convs and toRGB to identity-growth.ts's weights (built layers: called after the rebuild). */
  private startAsIdentity(): void {
    tidy(() => this.setIdentityWeights(this.stage));
  }

  private setIdentityWeights(k: number): void {
    const [conv1, conv2] = this.blocks[k].filter((l) => l.getWeights().length > 0);
    const oldRgb = this.toRGB[k - 1];
    const [oldKernel, oldBias] = oldRgb.getWeights();
    const w = identityGrowthWeights(effective(oldRgb, oldKernel), this.widths[k - 1], this.widths[k], LEAKY_SLOPE, this.ctx.rng);
    setEffective(conv1, w.conv1);
    setEffective(conv2, w.conv2);
    setEffective(this.toRGB[k], w.toRgb, oldBias);
  }

  /** A fresh functional model that re-applies every stage's layers. */
  protected buildModel(): LayersModel {
    const z = input({ shape: [this.latentDim], name: 'latent' });
    let previous = z;
    let h = z;
    for (const block of this.blocks) {
      previous = h;
      h = applyChain(block, h); // [b, 4 * 2^k, 4 * 2^k, widths[k]]
    }
    const rgb = applySymbolic(this.toRGB[this.stage], h); // [b, res, res, channels]
    const name = `progressive_generator_${this.resolution}`;
    if (this.fade === undefined || this.skipUpsample === undefined) return model({ inputs: z, outputs: rgb, name });
    const oldRgb = applySymbolic(this.toRGB[this.stage - 1], previous); // [b, res / 2, res / 2, channels]
    const upsampled = applySymbolic(this.skipUpsample, oldRgb); // [b, res, res, channels]
    return model({ inputs: z, outputs: applySymbolic(this.fade, [upsampled, rgb]), name });
  }
}
