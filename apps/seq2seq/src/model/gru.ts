/**
 * The GRU cell (Cho et al. 2014) in the "reset after" form (as cuDNN and Keras reset_after=True):
 *   z = sigmoid(x_z + h U_z),  r = sigmoid(x_r + h U_r),  n = tanh(x_n + r * (h U_n)),
 *   h' = (1 - z) * n + z * h  =  n + z * (h - n).
 * The input part x W + b is computed by the caller (for the encoder: for all time steps in one
 * matMul). The backward pass is written by hand (tf.customGrad): the forward ops are not taped and
 * the backward takes ~20 small ops instead of the ~40 that autodiff (with its saved-tensor copies)
 * takes, which matters at ~25 cell steps per batch on the wasm backend.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The input projection of one step, split into the [z | r] block and the n block. */
export interface GruInput {
  /** [batch, 2H] x W_{zr} + b_{zr} */
  zr: tf.Tensor2D;
  /** [batch, H] x W_n + b_n */
  n: tf.Tensor2D;
}

/** Recurrent weights U [H, 3H] split into its [z | r] block [H, 2H] and n block [H, H]. */
export interface GruWeights {
  zr: tf.Tensor2D;
  n: tf.Tensor2D;
}

/** Splits U [H, 3H] (blocks [z | r | n]) for `gruStep` (once per forward pass). */
export function splitRecurrent(u: tf.Tensor2D): GruWeights {
  const hidden = u.shape[0];
  return { zr: tf.slice(u, [0, 0], [hidden, 2 * hidden]), n: tf.slice(u, [0, 2 * hidden], [hidden, hidden]) };
}

/**
 * Gradients of h' with respect to (x_zr, x_n, h, U_zr, U_n), given dy = dL/dh' and the forward's
 * h, U_zr, U_n, z, r, n and hU_n:
 *   dn = dy - dy z,  da_n = dn (1 - n^2)  (a_n = x_n + r hU_n),  dz = dy (h - n),  dr = da_n hU_n
 *   d[a_z | a_r] = [dz z (1 - z) | dr r (1 - r)],  d(hU_n) = da_n r
 *   dh = dy z + d[a_z | a_r] U_zr^T + d(hU_n) U_n^T,  dU_zr = h^T d[a_z | a_r],  dU_n = h^T d(hU_n)
 *   dx_zr = d[a_z | a_r],  dx_n = da_n.
 * Written without scalar constants (1 - z = ...), which would be uploaded at every call.
 */
function gruBackward(dy: tf.Tensor, [h, uZr, uN, z, r, n, huN]: tf.Tensor[]): tf.Tensor[] {
  const dyz = tf.mul(dy, z);
  const dn = tf.sub(dy, dyz);
  const dan = tf.sub(dn, tf.mul(tf.mul(dn, n), n));
  const dz = tf.mul(tf.mul(dy, tf.sub(h, n)), tf.sub(z, tf.square(z)));
  const dr = tf.mul(tf.mul(dan, huN), tf.sub(r, tf.square(r)));
  const dzr = tf.concat([dz, dr], 1); // [B, 2H]
  const dhuN = tf.mul(dan, r);
  const dh = tf.add(tf.add(dyz, tf.matMul(dzr, uZr, false, true)), tf.matMul(dhuN, uN, false, true));
  return [dzr, dan, dh, tf.matMul(h, dzr, true, false), tf.matMul(h, dhuN, true, false)];
}

const gruOp = tf.customGrad((xzr, xn, h, uZr, uN, save) => {
  const [state, hidden] = [h as tf.Tensor2D, (h as tf.Tensor2D).shape[1]];
  const batch = state.shape[0];
  const huN = tf.matMul(state, uN as tf.Tensor2D); // [B, H]
  const gates = tf.sigmoid(tf.add(xzr as tf.Tensor, tf.matMul(state, uZr as tf.Tensor2D))); // [B, 2H] = [z | r]
  const z = tf.slice(gates, [0, 0], [batch, hidden]);
  const r = tf.slice(gates, [0, hidden], [batch, hidden]);
  const n = tf.tanh(tf.add(xn as tf.Tensor, tf.mul(r, huN)));
  (save as tf.GradSaveFunc)([state, uZr as tf.Tensor, uN as tf.Tensor, z, r, n, huN]);
  return { value: tf.add(n, tf.mul(z, tf.sub(state, n))), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => gruBackward(dy, saved) };
});

/**
 * One GRU step (differentiable in every argument).
 * @param x the step's input projection
 * @param h [batch, H] previous state
 * @param u recurrent weights from splitRecurrent
 * @returns [batch, H] next state
 */
export function gruStep(x: GruInput, h: tf.Tensor2D, u: GruWeights): tf.Tensor2D {
  return gruOp(x.zr, x.n, h, u.zr, u.n) as tf.Tensor2D;
}
