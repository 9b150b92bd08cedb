/**
 * The stage bookkeeping that a growable network of progressive growing (Karras et al. 2018) has,
 * whichever side of the GAN it is on: widths per stage, the current stage and resolution
 * (4 * 2^stage), the fade-in weight alpha, and the current functional model, rebuilt on `grow()`
 * from layer objects that live on (so weights carry over). Subclasses add their blocks and build
 * the model.
 */
import type { LayersModel, layers } from '@tensorflow/tfjs-layers';
import { FadeIn } from './fade-in.js';

export abstract class GrowingNetwork {
  /** Feature maps per stage: widths[k] at 4 * 2^k pixels; its length is the number of stages. */
  readonly widths: readonly number[];
  /**
   * blocks[k]: the layers of stage k in order. Generator: blocks[0] maps the latent to 4x4
   * features, blocks[k] doubles the resolution. Critic: blocks[0] is the final 4x4 block,
   * blocks[k] halves the resolution.
   */
  readonly blocks: layers.Layer[][] = [];
  /** The fade-in blend of the newest stage; absent at stage 0. */
  protected fade?: FadeIn;
  private current?: LayersModel;

  /** @param name the subclass's name, for error messages. */
  protected constructor(
    protected readonly name: string,
    widths: readonly number[],
  ) {
    if (widths.length === 0 || widths.some((w) => !Number.isInteger(w) || w < 1)) {
      throw new Error(`${name}: widths must be positive integers, one per stage; got [${widths.join(', ')}]`);
    }
    this.widths = [...widths];
  }

  /** A fresh functional model that re-applies every stage's layers. */
  protected abstract buildModel(): LayersModel;

  /** Adds the layers of stage `stage` (called by `grow()` with the new stage index). */
  protected abstract addStage(stage: number): void;

  /** Current stage k (0 at 4x4). */
  get stage(): number {
    return this.blocks.length - 1;
  }

  /** Current side in pixels, 4 * 2^stage. */
  get resolution(): number {
    return 4 * 2 ** this.stage;
  }

  /** Whether another `grow()` is possible (widths has a next entry). */
  get canGrow(): boolean {
    return this.stage + 1 < this.widths.length;
  }

  /** The current model: generator [batch, latentDim] -> [batch, res, res, channels]; critic [batch, res, res, channels] -> [batch, 1]. */
  get model(): LayersModel {
    if (this.current === undefined) throw new Error(`${this.name}: no model yet (the constructor must call rebuild())`);
    return this.current;
  }

  /** Weight of the new stage in the fade-in; 1 at stage 0 (nothing to fade). */
  get alpha(): number {
    return this.fade?.alpha ?? 1;
  }

  /** Sets the fade-in weight in [0, 1]; read on the next call, no rebuild. Throws at stage 0. */
  set alpha(value: number) {
    if (this.fade === undefined) throw new Error(`${this.name}: no fade-in at stage 0 (4x4); grow() first`);
    this.fade.alpha = value;
  }

  /**
   * Adds the next stage with alpha = 0, so the new model first equals the previous stage (at
   * alpha 1) resampled. The previous model is disposed; its layers live on in the new one, except
   * the retired RGB adapter of two stages back. Returns the new model.
   */
  grow(): LayersModel {
    if (!this.canGrow) throw new Error(`${this.name}: already at the last stage (${this.resolution}x${this.resolution}); add widths to grow further`);
    this.addStage(this.stage + 1);
    this.fade = new FadeIn({ alpha: 0 });
    return this.rebuild();
  }

  /** Frees the current model's weights. */
  dispose(): void {
    this.current?.dispose();
  }

  /** Replaces the current model by `buildModel()`, disposing the previous one. */
  protected rebuild(): LayersModel {
    const previous = this.current;
    this.current = this.buildModel();
    previous?.dispose();
    return this.current;
  }
}
