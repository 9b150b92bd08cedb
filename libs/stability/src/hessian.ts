/**
 * Sharpness: the top Hessian eigenvalue of a loss w.r.t. chosen weights, by power iteration on
 * Hessian-vector products from double backprop, Hv = d/dw (dL/dw . v) with v held constant.
 *
 * Edge of stability (Cohen et al. 2021, "Gradient descent on neural networks typically occurs at
 * the edge of stability"): plain gradient descent with step lr is stable on a quadratic only while
 * the sharpness is below 2 / lr (`sgdSharpnessLimit`), and full-batch training drives it up to that
 * value. For Adam (Cohen et al. 2022, "Adaptive gradient methods at the edge of stability") the
 * quantity is the *preconditioned* sharpness, the top eigenvalue of P^-1 H with
 * P = (1 - beta1^t) (diag(sqrt(v_hat)) + eps), compared with (2 + 2 beta1) / ((1 - beta1) lr)
 * (`adamSharpnessLimit`; 38 / lr for beta1 = 0.9). Pass `preconditioner: adamPreconditioner(...)`
 * to compute it; this module then iterates on P^-1/2 H P^-1/2, which has the eigenvalues of P^-1 H.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ensureGradientFixes } from '@stablegen/gradient-fixes';
import { dotAll, gradientList, trainableVariables, type NamedVariable, type WeightLike } from './weights.js';

export interface PowerIterationOptions {
  /** Most Hessian-vector products (default 100). */
  iterations?: number;
  /** Stop when |lambda_k - lambda_(k-1)| <= tolerance * |lambda_k| (default 1e-4). */
  tolerance?: number;
  /** Seed of the random start vector (default 0). */
  seed?: number;
  /** Diagonal preconditioner P (positive, one tensor per weight, same shapes): estimate eig(P^-1 H). */
  preconditioner?: readonly tf.Tensor[];
}

export interface TopEigenvalue {
  /** The Rayleigh quotient v.Hv / v.v at the last iterate (signed; see topHessianEigenvalue). */
  eigenvalue: number;
  /** Hessian-vector products computed. */
  iterations: number;
  converged: boolean;
}

/** Stability limit of gradient descent with step `lr` on the sharpness: 2 / lr. */
export const sgdSharpnessLimit = (lr: number): number => 2 / lr;

/** Stability limit of Adam's preconditioned sharpness: (2 + 2 beta1) / ((1 - beta1) lr). */
export const adamSharpnessLimit = (lr: number, beta1 = 0.9): number => (2 + 2 * beta1) / ((1 - beta1) * lr);

/** Double backprop: registers the gradient fixes on first use (LeakyReLU's gradient needs them). */
function hvp(lossFn: () => tf.Scalar, vars: readonly NamedVariable[], v: readonly tf.Tensor[]): tf.Tensor[] {
  ensureGradientFixes();
  return tf.tidy(() => gradientList(() => dotAll(gradientList(lossFn, vars).grads, v), vars).grads);
}

/**
 * H v for the Hessian H of `lossFn()` w.r.t. `weights`.
 * @param v one tensor per weight, of its shape
 * @returns Hv, one tensor per weight
 */
export function hessianVectorProduct(lossFn: () => tf.Scalar, weights: readonly WeightLike[], v: readonly tf.Tensor[]): tf.Tensor[] {
  const vars = trainableVariables(weights, 'hessianVectorProduct');
  checkShapes(vars, v, 'v');
  return hvp(lossFn, vars, v);
}

function checkShapes(vars: readonly NamedVariable[], tensors: readonly tf.Tensor[], what: string): void {
  if (tensors.length !== vars.length) throw new Error(`${what} has ${tensors.length} tensors for ${vars.length} weights`);
  vars.forEach(({ name, variable }, i) => {
    if (tensors[i].shape.join() !== variable.shape.join()) throw new Error(`${what}[${i}] has shape [${tensors[i].shape}], weight '${name}' [${variable.shape}]`);
  });
}

/** a . b over the whole lists, as a number. */
function dotValue(a: readonly tf.Tensor[], b: readonly tf.Tensor[]): number {
  const d = tf.tidy(() => dotAll(a, b));
  const value = d.dataSync()[0];
  d.dispose();
  return value;
}

/** v / ||v|| over the whole list, and ||v||. */
function normalise(v: readonly tf.Tensor[]): { unit: tf.Tensor[]; norm: number } {
  const norm = Math.sqrt(dotValue(v, v));
  return { unit: tf.tidy(() => v.map((t) => (norm > 0 ? tf.div(t, norm) : tf.clone(t)))), norm };
}

/**
 * The eigenvalue of largest magnitude of the Hessian of `lossFn()` w.r.t. `weights` (or of
 * P^-1 H with a preconditioner), by power iteration from a seeded normal vector: v <- Mv / ||Mv||,
 * estimate v.Mv. Near a minimum H is positive semi-definite and this is the top eigenvalue (the
 * sharpness); if a negative eigenvalue is larger in magnitude, that one is returned, with its sign.
 * Convergence is geometric in |lambda_2 / lambda_1|.
 * @param lossFn a scalar loss reading the weights; called twice per iteration under double backprop
 */
export function topHessianEigenvalue(lossFn: () => tf.Scalar, weights: readonly WeightLike[], options: PowerIterationOptions = {}): TopEigenvalue {
  const { iterations = 100, tolerance = 1e-4, seed = 0, preconditioner } = options;
  if (!Number.isInteger(iterations) || iterations < 1) throw new Error(`topHessianEigenvalue: iterations must be an integer >= 1, got ${iterations}`);
  if (!(tolerance >= 0)) throw new Error(`topHessianEigenvalue: tolerance must be >= 0, got ${tolerance}`);
  const vars = trainableVariables(weights, 'topHessianEigenvalue');
  if (preconditioner) checkShapes(vars, preconditioner, 'preconditioner');
  // M v = s * H(s * v) with s = P^-1/2 (elementwise); s = 1 without a preconditioner.
  const scale = preconditioner && tf.tidy(() => preconditioner.map((p) => tf.rsqrt(p)));
  const apply = (v: readonly tf.Tensor[]) =>
    tf.tidy(() => (scale ? hvp(lossFn, vars, v.map((t, i) => tf.mul(t, scale[i]))).map((t, i) => tf.mul(t, scale[i])) : hvp(lossFn, vars, v)));
  const start = tf.tidy(() => vars.map(({ variable }, i) => tf.randomNormal(variable.shape, 0, 1, 'float32', seed + i)));
  let v = normalise(start).unit;
  tf.dispose(start);
  let result: TopEigenvalue = { eigenvalue: Number.NaN, iterations: 0, converged: false };
  try {
    for (let k = 1; k <= iterations; k++) {
      const mv = apply(v);
      const lambda = dotValue(v, mv);
      const { unit, norm } = normalise(mv);
      tf.dispose([...v, ...mv]);
      v = unit;
      const previous = result.eigenvalue;
      result = { eigenvalue: lambda, iterations: k, converged: norm === 0 || Math.abs(lambda - previous) <= tolerance * Math.abs(lambda) };
      if (result.converged) break;
    }
  } finally {
    tf.dispose([...v, ...(scale ?? [])]);
  }
  return result;
}
