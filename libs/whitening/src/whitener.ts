/**
 * Applying a fitted whitening to tensors. For rows x [d] (an example flattened):
 *   PCA: z = (x - mu) V S          x = z S^-1 V^T + mu
 *   ZCA: z = (x - mu) V S V^T      x = z V S^-1 V^T + mu
 * with S = diag(1/sqrt(lambda + eps)). The [d, d] matrices are formed once in float64 and held as
 * float32 tensors, so a batch costs one matMul; `dispose()` frees them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Whitening } from './whitening-model.js';

export type WhiteningMode = 'pca' | 'zca';

/** Symmetric V diag(g) V^T, row-major [d, d], accumulated in float64 (V row-major, column k). */
function symmetricProduct(v: ArrayLike<number>, g: Float64Array, d: number): Float32Array {
  const out = new Float32Array(d * d);
  const rowG = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) rowG[k] = v[i * d + k] * g[k]; // row i of V diag(g)
    for (let j = i; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += rowG[k] * v[j * d + k];
      out[i * d + j] = s;
      out[j * d + i] = s;
    }
  }
  return out;
}

/** V diag(g) (transposed: diag(g) V^T), row-major [d, d]. */
function scaledColumns(v: ArrayLike<number>, g: Float64Array, d: number, transpose: boolean): Float32Array {
  const out = new Float32Array(d * d);
  for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) out[transpose ? k * d + i : i * d + k] = v[i * d + k] * g[k];
  return out;
}

/** Forward and inverse matrices [d, d] of one mode, formed in float64, stored float32. */
function matrices(w: Whitening, mode: WhiteningMode): { forward: Float32Array; inverse: Float32Array } {
  const d = w.mean.length;
  const s = Float64Array.from(w.eigenvalues, (l) => 1 / Math.sqrt(l + w.epsilon)); // diag of S
  const sInv = Float64Array.from(w.eigenvalues, (l) => Math.sqrt(l + w.epsilon)); // diag of S^-1
  const v = w.eigenvectors;
  if (mode === 'pca') return { forward: scaledColumns(v, s, d, false), inverse: scaledColumns(v, sInv, d, true) }; // V S, S^-1 V^T
  return { forward: symmetricProduct(v, s, d), inverse: symmetricProduct(v, sInv, d) }; // V S V^T, V S^-1 V^T
}

export class Whitener {
  readonly fit: Whitening;
  readonly mode: WhiteningMode;
  private readonly mean: tf.Tensor1D;
  private readonly forward: tf.Tensor2D;
  private readonly inverseMatrix: tf.Tensor2D;

  constructor(fit: Whitening, mode: WhiteningMode) {
    if (mode !== 'pca' && mode !== 'zca') throw new Error(`Whitener: mode must be 'pca' or 'zca', got '${mode}'`);
    this.fit = fit;
    this.mode = mode;
    const d = fit.mean.length;
    const { forward, inverse } = matrices(fit, mode);
    this.mean = tf.keep(tf.tensor1d(fit.mean));
    this.forward = tf.keep(tf.tensor2d(forward, [d, d]));
    this.inverseMatrix = tf.keep(tf.tensor2d(inverse, [d, d]));
  }

  /**
   * @param x a batch [n, ...exampleShape] or one example [...exampleShape]
   * @returns z, same shape as x
   */
  transform(x: tf.Tensor): tf.Tensor {
    return this.apply(x, (rows) => tf.matMul(tf.sub(rows, this.mean), this.forward));
  }

  /**
   * @param z a batch [n, ...exampleShape] or one example [...exampleShape]
   * @returns x, same shape as z
   */
  inverse(z: tf.Tensor): tf.Tensor {
    return this.apply(z, (rows) => tf.add(tf.matMul(rows, this.inverseMatrix), this.mean));
  }

  dispose(): void {
    tf.dispose([this.mean, this.forward, this.inverseMatrix]);
  }

  /** Flattens to rows [n, d], applies f, restores the shape. */
  private apply(x: tf.Tensor, f: (rows: tf.Tensor2D) => tf.Tensor): tf.Tensor {
    const shape = this.fit.exampleShape;
    const k = shape.length;
    const tail = x.shape.slice(x.rank - k);
    if ((x.rank !== k && x.rank !== k + 1) || tail.some((s, i) => s !== shape[i])) {
      throw new Error(`Whitener: expected [n, ${shape}] or [${shape}], got [${x.shape}]`);
    }
    return tf.tidy(() => {
      const rows = tf.reshape(x, [-1, this.fit.mean.length]) as tf.Tensor2D; // [n, d]
      return tf.reshape(f(rows), x.shape); // [n, ...exampleShape]
    });
  }
}

/** One-shot PCA / ZCA whitening of x with a fit (builds and frees the matrices). */
export function whiten(x: tf.Tensor, fit: Whitening, mode: WhiteningMode): tf.Tensor {
  const w = new Whitener(fit, mode);
  try {
    return w.transform(x);
  } finally {
    w.dispose();
  }
}

/** One-shot inverse of `whiten`. */
export function unwhiten(z: tf.Tensor, fit: Whitening, mode: WhiteningMode): tf.Tensor {
  const w = new Whitener(fit, mode);
  try {
    return w.inverse(z);
  } finally {
    w.dispose();
  }
}
