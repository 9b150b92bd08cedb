/**
 * An exponential moving average of a model's weights (the "generator EMA" of ProGAN / StyleGAN):
 * after each step ema = decay * ema + (1 - decay) * w. Samples and metrics from the averaged
 * weights are usually smoother and better than from the raw ones. The average lives in
 * non-trainable tf.Variables (`variables`), so a checkpoint holds it.
 *
 * Without bias correction the average starts at the weights it is created from:
 *   ema_t = decay^t w_0 + (1 - decay) sum_{k=1..t} decay^(t-k) w_k.
 * With `biasCorrection` it starts at zero and reads out ema_t / (1 - decay^t) (as Adam's moments),
 * the decay-weighted mean of w_1..w_t, so early averages are not pulled towards the initial weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { namedVariables, type WeightLike } from './weights.js';

export interface WeightEmaOptions {
  /** In [0, 1); e.g. 0.999. */
  decay: number;
  /** Start from zero and divide by (1 - decay^t) (default false: start from the current weights). */
  biasCorrection?: boolean;
  /** Key prefix in `variables` (default 'ema'). */
  name?: string;
}

/** A model's trainable weights, or a list of weights. */
export type EmaSource = LayersModel | readonly WeightLike[];

const weightsOf = (source: EmaSource): readonly WeightLike[] => ('trainableWeights' in source ? source.trainableWeights : source);

export class WeightEma {
  /** The averages (one per tracked weight, same shapes) and the step count `t`, for checkpoints. */
  readonly variables: Record<string, tf.Variable>;
  private readonly sources: tf.Variable[];
  private readonly shadows: tf.Variable[];
  private readonly count: tf.Variable;

  /** Tracks `source` (a model's trainable weights, or the weights given). */
  constructor(source: EmaSource, readonly options: WeightEmaOptions) {
    const { decay, biasCorrection = false, name = 'ema' } = options;
    if (!(decay >= 0 && decay < 1)) throw new Error(`WeightEma: decay must be in [0, 1), got ${decay}`);
    this.sources = namedVariables(weightsOf(source), 'WeightEma').map((v) => v.variable);
    this.shadows = tf.tidy(() => this.sources.map((w) => tf.variable(biasCorrection ? tf.zerosLike(w) : w, false)));
    this.count = tf.tidy(() => tf.variable(tf.scalar(0), false));
    this.variables = Object.fromEntries([...this.shadows.map((s, i) => [`${name}/${i}`, s]), [`${name}/count`, this.count]]);
  }

  /** Steps averaged so far (t). */
  get steps(): number {
    return this.count.dataSync()[0];
  }

  /**
   * ema <- decay * ema + (1 - decay) * w for every tracked weight; call after each optimiser step.
   * @param decay this step's decay in [0, 1) (default `options.decay`), e.g. for a ramp-up that
   *   shortens the average early in training (StyleGAN2-ADA's ema_rampup)
   */
  update(decay?: number): void {
    const d = decay ?? this.options.decay;
    if (!(d >= 0 && d < 1)) throw new Error(`WeightEma.update: decay must be in [0, 1), got ${d}`);
    tf.tidy(() => {
      this.shadows.forEach((s, i) => s.assign(tf.add(tf.mul(s, d), tf.mul(this.sources[i], 1 - d))));
      this.count.assign(tf.add(this.count, 1));
    });
  }

  /**
   * The averaged weights (new tensors the caller disposes), bias-corrected when configured; with
   * bias correction and no step yet, the current weights.
   */
  averaged(): tf.Tensor[] {
    const t = this.steps;
    if (!this.options.biasCorrection) return this.shadows.map((s) => tf.clone(s));
    if (t === 0) return this.sources.map((w) => tf.clone(w));
    const correction = 1 - this.options.decay ** t;
    return tf.tidy(() => this.shadows.map((s) => tf.div(s, correction)));
  }

  /** Writes the averaged weights into `target` (default: the tracked weights), matched by position. */
  copyTo(target?: EmaSource): void {
    const dest = target ? namedVariables(weightsOf(target), 'WeightEma.copyTo').map((v) => v.variable) : this.sources;
    if (dest.length !== this.shadows.length) throw new Error(`WeightEma.copyTo: target has ${dest.length} weights, the average ${this.shadows.length}`);
    dest.forEach((w, i) => {
      if (w.shape.join() !== this.shadows[i].shape.join()) throw new Error(`WeightEma.copyTo: weight ${i} has shape [${w.shape}], the average [${this.shadows[i].shape}]`);
    });
    const values = this.averaged();
    dest.forEach((w, i) => w.assign(values[i]));
    tf.dispose(values);
  }

  /**
   * Runs `fn` with the averaged weights in `model` (usually the tracked model itself) and puts its
   * raw weights back afterwards, also when `fn` throws. Use it for samples and evaluation.
   */
  async withEmaWeights<T>(model: EmaSource, fn: () => T | Promise<T>): Promise<T> {
    const dest = namedVariables(weightsOf(model), 'WeightEma.withEmaWeights').map((v) => v.variable);
    const raw = dest.map((w) => tf.clone(w));
    try {
      this.copyTo(model);
      return await fn();
    } finally {
      dest.forEach((w, i) => w.assign(raw[i]));
      tf.dispose(raw);
    }
  }

  dispose(): void {
    tf.dispose([...this.shadows, this.count]);
  }
}
