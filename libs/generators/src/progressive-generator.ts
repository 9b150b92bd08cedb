/**
 * Growable generator of progressive growing (Karras et al. 2018). Stage k outputs
 * 4 * 2^k pixels square. `grow()` adds a block at double resolution and a new toRGB, and blends
 * during the fade-in: out = (1 - alpha) * up(toRGB_old(prev)) + alpha * toRGB_new(block(prev)).
 * Every phase's model re-applies the same layer objects, so weights carry over.
 */
import { input, type LayersModel, layers, model } from '@tensorflow/tfjs-layers';
import type { Rng } from '@stablegen/backend';
import { applyChain, applySymbolic, FadeIn, NearestUpsample, resolveRng, type SeedOptions } from '@stablegen/layers';
import { baseBlock, type BlockContext, toRgb, upBlock } from './progressive-blocks.js';

export interface ProgressiveGeneratorConfig {
  /** Latent size (default 64). */
  latentDim?: number;
  /** Feature maps per stage: widths[k] at 4 * 2^k pixels; its length is the number of stages. */
  widths: number[];
  /** Output channels (default 3). */
  channels?: number;
  /** Equalised learning rate: N(0, 1) weights scaled by He's constant per call (default true). */
  equalizedLR?: boolean;
}

export type ProgressiveGeneratorOptions = ProgressiveGeneratorConfig & SeedOptions;

export class ProgressiveGenerator {
  readonly latentDim: number;
  readonly channels: number;
  readonly widths: readonly number[];
  readonly equalizedLR: boolean;
  /** blocks[k]: the layers of stage k in order (blocks[0] maps the latent to 4x4 features). */
  readonly blocks: layers.Layer[][] = [];
  /** toRGB[k]: the 1x1 output conv of stage k. */
  readonly toRGB: layers.Layer[] = [];
  private readonly ctx: BlockContext;
  private fade?: FadeIn;
  private skipUpsample?: NearestUpsample;
  private current: LayersModel;

  /** Builds stage 0 (4x4). Input [batch, latentDim], output [batch, 4, 4, channels]. */
  constructor(options: ProgressiveGeneratorOptions) {
    const rng: Rng = resolveRng(options, 'ProgressiveGenerator');
    this.latentDim = options.latentDim ?? 64;
    this.channels = options.channels ?? 3;
    this.widths = checkWidths(options.widths);
    this.equalizedLR = options.equalizedLR ?? true;
    this.ctx = { equalized: this.equalizedLR, rng };
    this.blocks.push(baseBlock(this.widths[0], this.ctx));
    this.toRGB.push(toRgb(this.channels, this.ctx));
    this.current = this.buildModel();
  }

  /** Current stage k (0 at 4x4). */
  get stage(): number {
    return this.blocks.length - 1;
  }

  /** Current output side, 4 * 2^stage. */
  get resolution(): number {
    return 4 * 2 ** this.stage;
  }

  /** Whether another `grow()` is possible (widths has a next entry). */
  get canGrow(): boolean {
    return this.stage + 1 < this.widths.length;
  }

  /** The current model: [batch, latentDim] -> [batch, resolution, resolution, channels]. */
  get model(): LayersModel {
    return this.current;
  }

  /** Weight of the new block in the fade-in; 1 at stage 0 (nothing to fade). */
  get alpha(): number {
    return this.fade?.alpha ?? 1;
  }

  /** Sets the fade-in weight in [0, 1]; read on the next call, no rebuild. Throws at stage 0. */
  set alpha(value: number) {
    if (this.fade === undefined) throw new Error('ProgressiveGenerator: no fade-in at stage 0 (4x4); grow() first');
    this.fade.alpha = value;
  }

  /**
   * Adds the next stage (double resolution) with alpha = 0, so the new model first reproduces the
   * previous stage at alpha 1 (its own toRGB on its own features), upsampled. The previous model
   * is disposed; its layers (and weights) live on in the new one, except the retired toRGB of two
   * stages back. Returns the new model.
   */
  grow(): LayersModel {
    if (!this.canGrow) throw new Error(`ProgressiveGenerator: already at the last stage (${this.resolution}x${this.resolution}); add widths to grow further`);
    const width = this.widths[this.stage + 1];
    this.blocks.push(upBlock(width, this.ctx));
    this.toRGB.push(toRgb(this.channels, this.ctx));
    this.fade = new FadeIn({ alpha: 0 });
    this.skipUpsample = new NearestUpsample({ factor: 2 });
    const previous = this.current;
    this.current = this.buildModel();
    previous.dispose();
    return this.current;
  }

  /** Frees the current model's weights. */
  dispose(): void {
    this.current.dispose();
  }

  /** A fresh functional model that re-applies every stage's layers. */
  private buildModel(): LayersModel {
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

function checkWidths(widths: number[]): number[] {
  if (widths.length === 0 || widths.some((w) => !Number.isInteger(w) || w < 1)) {
    throw new Error(`ProgressiveGenerator: widths must be positive integers, one per stage; got [${widths.join(', ')}]`);
  }
  return [...widths];
}
