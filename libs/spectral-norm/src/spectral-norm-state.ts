/**
 * The state of spectral normalisation for one weight: the persistent vector u [1, n] held in a
 * non-trainable tf.Variable (seeded N(0, 1) at creation, then only ever advanced by power steps,
 * never re-randomised) and the sigma of the last call, kept for logging.
 */
import * as tf from '@tensorflow/tfjs-core';
import { spectralNormalize } from './power-iteration.js';

export interface SpectralNormOptions {
  /** Power steps per call (default 1, the paper's choice). */
  powerIterations?: number;
}

function checkIterations(k: number): number {
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`SpectralNorm: powerIterations must be an integer >= 1, got ${k}`);
  return k;
}

export class SpectralNorm {
  /** Persistent u [1, n]; non-trainable. */
  readonly u: tf.Variable;
  readonly powerIterations: number;
  /** Scalar sigma of the last `apply`; NaN before the first one. */
  private readonly last: tf.Variable;
  private readonly ownsU: boolean;
  private called = false;

  /**
   * Wraps an existing u (e.g. a layer's non-trainable weight); `dispose` leaves it alone unless
   * `ownsU`.
   * @param u variable [1, n]
   */
  constructor(u: tf.Variable, options: SpectralNormOptions = {}, ownsU = false) {
    if (u.rank !== 2 || u.shape[0] !== 1) throw new Error(`SpectralNorm: u must have shape [1, n], got [${u.shape}]`);
    this.u = u;
    this.powerIterations = checkIterations(options.powerIterations ?? 1);
    this.ownsU = ownsU;
    this.last = tf.tidy(() => tf.variable(tf.scalar(Number.NaN), false));
  }

  /**
   * A new state with its own u ~ N(0, 1) drawn from `seed`.
   * @param n the weight's last dimension (units / filters)
   */
  static create(n: number, seed: number, options: SpectralNormOptions & { name?: string } = {}): SpectralNorm {
    checkIterations(options.powerIterations ?? 1);
    const u = tf.tidy(() => tf.variable(tf.randomNormal([1, n], 0, 1, 'float32', seed), false, options.name));
    return new SpectralNorm(u, options, true);
  }

  /**
   * W / sigma. Advances u by `powerIterations` steps only when `training`; safe inside
   * optimizer.minimize and nested tf.grad (the new u is assigned, never differentiated).
   * @param w [..., n]
   * @returns same shape as w
   */
  apply(w: tf.Tensor, training: boolean): tf.Tensor {
    const { wSn, sigma, u } = spectralNormalize(w, this.u, this.powerIterations);
    if (training) this.u.assign(u); // u carries no gradient, and assign is not taped
    this.last.assign(sigma);
    this.called = true;
    tf.dispose([u, sigma]); // the tape keeps its own copies of what backprop needs
    return wSn;
  }

  /** sigma of the last `apply` (for logging), or undefined before the first one. */
  get sigma(): number | undefined {
    return this.called ? this.last.dataSync()[0] : undefined;
  }

  /** Disposes the sigma record, and u if `create` made it. */
  dispose(): void {
    this.last.dispose();
    if (this.ownsU) this.u.dispose();
  }
}
