/**
 * What the equalised-learning-rate layers (Karras et al. 2018, sec. 4.1) share: an N(0, 1) kernel
 * scaled at run time by He's constant sqrt(gain / fanIn), an optional zero-initialised bias, and
 * the config keys that go with them. Subclasses say the kernel shape and the product.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initializers, layers, type LayerVariable } from '@tensorflow/tfjs-layers';
import { heConstant } from './he-constant.js';
import type { LayerArgs } from './layer-types.js';

export interface EqualizedArgs extends LayerArgs {
  /** Variance gain: 2 before a (leaky) ReLU (default), 1 before a linear output. */
  gain?: number;
  useBias?: boolean;
  /** Seed of the N(0, 1) kernel initialiser. */
  seed?: number;
}

export abstract class EqualizedLayer extends layers.Layer {
  readonly gain: number;
  readonly useBias: boolean;
  readonly seed: number | undefined;
  /** sqrt(gain / fanIn); set in build. */
  scale = NaN;
  protected kernel?: LayerVariable;
  protected bias?: LayerVariable;

  constructor(args: EqualizedArgs) {
    super(args);
    this.gain = args.gain ?? 2;
    this.useBias = args.useBias ?? true;
    this.seed = args.seed ?? undefined; // a loaded config stores null
  }

  /** Adds the kernel (N(0, 1), `shape`) and the bias ([outputs], zeros) and sets the run-time scale. */
  protected addEqualizedWeights(shape: number[], fanIn: number, outputs: number): void {
    this.scale = heConstant(fanIn, this.gain);
    this.kernel = this.addWeight('kernel', shape, 'float32', initializers.randomNormal({ mean: 0, stddev: 1, seed: this.seed }));
    if (this.useBias) this.bias = this.addWeight('bias', [outputs], 'float32', initializers.zeros());
    this.built = true;
  }

  /** The kernel times its scale (call inside a tidy). */
  protected scaledKernel(): tf.Tensor {
    return tf.mul((this.kernel as LayerVariable).read(), this.scale);
  }

  /** y + bias when there is one. */
  protected withBias(y: tf.Tensor): tf.Tensor {
    return this.bias ? tf.add(y, this.bias.read()) : y;
  }

  protected equalizedConfig(): tf.serialization.ConfigDict {
    return { gain: this.gain, useBias: this.useBias, seed: this.seed ?? null };
  }
}
