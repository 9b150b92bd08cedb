/**
 * Spectral normalisation (Miyato et al. 2018, "Spectral Normalization for Generative Adversarial
 * Networks", Algorithm 1). A weight of any rank >= 2 is viewed as a matrix W [m, n] with n = its
 * last dimension (a conv kernel [kh, kw, cin, cout] becomes [kh*kw*cin, cout], as in the paper's
 * code). With the persistent vector u [1, n], each power-iteration step is
 *   v <- normalize(u W^T)   [1, m]
 *   u <- normalize(v W)     [1, n]
 * and sigma = v W u^T estimates the largest singular value. u and v are constants for the gradient
 * (stop-gradient, as in the paper's reference code), so d sigma / dW = v^T u and nothing flows
 * into u.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface SpectralNormResult {
  /** w / sigma, same shape as w. */
  wSn: tf.Tensor;
  /** The estimate v W u^T of the largest singular value of W. */
  sigma: tf.Scalar;
  /** The new u [1, n] (store it back when training); carries no gradient. */
  u: tf.Tensor2D;
}

/** Added to norms before dividing (the paper's code uses 1e-12). */
const EPS = 1e-12;

/** Identity whose gradient is zero (tfjs-core has no tf.stopGradient). */
export const stopGradient = tf.customGrad(((x: tf.Tensor) => ({
  value: tf.clone(x),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as unknown as Parameters<typeof tf.customGrad>[0]) as <T extends tf.Tensor>(x: T) => T;

const normalize = (x: tf.Tensor2D): tf.Tensor2D => tf.div(x, tf.add(tf.norm(x), EPS));

/**
 * W viewed as a matrix.
 * @param w [d0, ..., dk, n], rank >= 2
 * @returns [d0*...*dk, n] (row-major, so no data moves)
 */
export function asMatrix(w: tf.Tensor): tf.Tensor2D {
  if (w.rank < 2) throw new Error(`spectral norm: the weight must have rank >= 2, got shape [${w.shape}]`);
  const n = w.shape[w.rank - 1];
  return tf.reshape(w, [-1, n]); // [prod(all but last), n]
}

/**
 * One call of spectral normalisation: `iterations` power steps from u, then W / sigma.
 * @param w weight, rank >= 2 (dense [in, out], conv [kh, kw, cin, cout])
 * @param u persistent vector [1, out]
 * @param iterations power steps per call (1 is the paper's choice during training)
 */
export function spectralNormalize(w: tf.Tensor, u: tf.Tensor, iterations = 1): SpectralNormResult {
  if (!(Number.isInteger(iterations) && iterations >= 1)) {
    throw new Error(`spectralNormalize: iterations must be an integer >= 1, got ${iterations}`);
  }
  const n = w.shape[w.rank - 1];
  if (u.rank !== 2 || u.shape[0] !== 1 || u.shape[1] !== n) {
    throw new Error(`spectralNormalize: u must have shape [1, ${n}] for a weight of shape [${w.shape}], got [${u.shape}]`);
  }
  return tf.tidy(() => {
    const mat = asMatrix(w); // [m, n]
    const frozen = stopGradient(mat); // the power iteration carries no gradient
    let uk = stopGradient(u as tf.Tensor2D);
    let vk = uk as unknown as tf.Tensor2D;
    for (let i = 0; i < iterations; i++) {
      vk = normalize(tf.matMul(uk, frozen, false, true)); // [1, m]
      uk = normalize(tf.matMul(vk, frozen)); // [1, n]
    }
    const sigma = tf.reshape(tf.matMul(tf.matMul(vk, mat), uk, false, true), []) as tf.Scalar; // v W u^T
    return { wSn: tf.div(w, sigma), sigma, u: uk };
  });
}
