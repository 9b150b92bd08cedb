/**
 * A gradient-penalty-shaped check of double backprop, with an independent float64 reference.
 *   f(x; W, V) = sum( R(act(x * W)) * V )      x, W: [1, h, w, 1]; V: R's output shape
 *   g = df/dx = W * act'(x * W) * (R^T V)       (elementwise; R^T is the adjoint of the linear op R)
 *   loss(W, V) = sum(g^2)
 * tfjs computes d loss/dW and d loss/dV by a tf.grad nested in tf.variableGrads (the WGAN-GP
 * idiom). The reference evaluates loss in float64 JS and differentiates it by central differences.
 * R's matrix is read off the forward op on basis images (the first-order op is not under test).
 */
import * as tf from '@tensorflow/tfjs-core';

/** A variable holding `t`'s values; `t` itself is disposed. */
function variableOf(t: tf.Tensor): tf.Variable {
  const v = tf.variable(t);
  t.dispose();
  return v;
}

export interface Activation {
  name: string;
  tf: (x: tf.Tensor) => tf.Tensor;
  /** act'(h) in float64. */
  derivative: (h: number) => number;
}

const sigmoid = (h: number) => 1 / (1 + Math.exp(-h));
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
export const ACTIVATIONS: Record<string, Activation> = {
  relu: { name: 'relu', tf: (x) => tf.relu(x), derivative: (h) => (h > 0 ? 1 : 0) },
  leakyRelu: { name: 'leakyRelu', tf: (x) => tf.leakyRelu(x, 0.2), derivative: (h) => (h > 0 ? 1 : 0.2) },
  elu: { name: 'elu', tf: (x) => tf.elu(x), derivative: (h) => (h > 0 ? 1 : Math.exp(h)) },
  tanh: { name: 'tanh', tf: (x) => tf.tanh(x), derivative: (h) => 1 - Math.tanh(h) ** 2 },
  sigmoid: { name: 'sigmoid', tf: (x) => tf.sigmoid(x), derivative: (h) => sigmoid(h) * (1 - sigmoid(h)) },
  softplus: { name: 'softplus', tf: (x) => tf.softplus(x), derivative: sigmoid },
  // The scale 8 puts some pre-activations above the upper kink at 6 (8 * x * w in [2.6, 8.4]).
  relu6: { name: 'relu6', tf: (x) => tf.relu6(tf.mul(x, 8)), derivative: (h) => (h > 0 && 8 * h < 6 ? 8 : 0) },
  prelu: { name: 'prelu', tf: (x) => tf.prelu(x, tf.scalar(0.3)), derivative: (h) => (h > 0 ? 1 : 0.3) },
  // SELU constants from Klambauer et al. 2017 (alpha, lambda).
  selu: { name: 'selu', tf: (x) => tf.selu(x), derivative: (h) => SELU_SCALE * (h > 0 ? 1 : SELU_ALPHA * Math.exp(h)) },
  exp: { name: 'exp', tf: (x) => tf.exp(x), derivative: Math.exp },
  // clipByValue's gradient masks with logicalAnd(greaterEqual, lessEqual) of the bool comparisons (tfjs.layers' ReLU with maxValue).
  clip: { name: 'clip', tf: (x) => tf.clipByValue(x, -0.5, 0.5), derivative: (h) => (h > -0.5 && h < 0.5 ? 1 : 0) },
};

export type LinearOp = (x: tf.Tensor4D) => tf.Tensor4D;

export const LINEAR_OPS: Record<string, LinearOp> = {
  identity: (x) => x,
  avgPool: (x) => tf.avgPool(x, 2, 2, 'valid'),
  resizeNearestNeighbor: (x) => tf.image.resizeNearestNeighbor(x, [6, 6]),
  resizeBilinear: (x) => tf.image.resizeBilinear(x, [5, 5]),
};

/** Fixed inputs on a 4x4 image, pre-activations away from the kinks of relu / leakyRelu. */
export function caseValues(size = 4) {
  const n = size * size;
  const x = Array.from({ length: n }, (_, i) => 0.4 + 0.1 * (i % 5)); // 0.4 .. 0.8
  const w = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -1 : 1) * (0.6 + 0.05 * i)); // x*w in +-[0.24, 1.04]: no zeros
  return { x, w, size };
}

/** The op's matrix M [out, in] (row-major), from the forward op on basis images. */
export function opMatrix(op: LinearOp, size: number): { m: Float64Array; outShape: number[] } {
  const n = size * size;
  const probe = tf.tidy(() => op(tf.reshape(tf.eye(n), [n, size, size, 1]) as tf.Tensor4D));
  const outShape = probe.shape.slice(1);
  const outN = outShape.reduce((a, b) => a * b, 1);
  const cols = probe.dataSync();
  probe.dispose();
  const m = new Float64Array(outN * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < outN; i++) m[i * n + j] = cols[j * outN + i];
  return { m, outShape };
}

function referenceLoss(act: Activation, m: Float64Array, outN: number, x: number[], w: number[], v: number[]): number {
  const n = x.length;
  let loss = 0;
  for (let k = 0; k < n; k++) {
    let rtv = 0;
    for (let i = 0; i < outN; i++) rtv += m[i * n + k] * v[i];
    const g = w[k] * act.derivative(x[k] * w[k]) * rtv;
    loss += g * g;
  }
  return loss;
}

/** Central-difference gradients of the float64 reference loss w.r.t. W and V. */
export function referenceGrads(act: Activation, op: LinearOp, x: number[], w: number[], v: number[], size: number) {
  const { m } = opMatrix(op, size);
  const outN = v.length;
  const loss = (ww: number[], vv: number[]) => referenceLoss(act, m, outN, x, ww, vv);
  const h = 1e-6;
  const fd = (arr: number[], other: (a: number[]) => number) =>
    arr.map((_, i) => {
      const plus = [...arr];
      const minus = [...arr];
      plus[i] += h;
      minus[i] -= h;
      return (other(plus) - other(minus)) / (2 * h);
    });
  return {
    loss: loss(w, v),
    dW: fd(w, (ww) => loss(ww, v)),
    dV: fd(v, (vv) => loss(w, vv)),
  };
}

/** tfjs's d loss/dW and d loss/dV by double backprop. */
export function tfjsGrads(act: Activation, op: LinearOp, x: number[], w: number[], v: number[], size: number) {
  const shape: [number, number, number, number] = [1, size, size, 1];
  const xt = tf.tensor4d(x, shape);
  const W = variableOf(tf.tensor4d(w, shape));
  const outShape = tf.tidy(() => op(xt).shape); // op(x) only for its shape
  const V = variableOf(tf.tensor(v, outShape));
  try {
    const { value, grads } = tf.variableGrads(() => {
      const gx = tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(op(act.tf(tf.mul(xx, W)) as tf.Tensor4D), V)))(xt);
      return tf.sum(tf.square(gx)) as tf.Scalar;
    }, [W, V]);
    const out = { loss: value.dataSync()[0], dW: Array.from(grads[W.name].dataSync()), dV: Array.from(grads[V.name].dataSync()) };
    tf.dispose([value, grads[W.name], grads[V.name]]);
    return out;
  } finally {
    tf.dispose([xt, W, V]);
  }
}

export function maxAbsDiff(a: number[], b: number[]): number {
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

/** V values for an op's output size (fixed, mixed signs). */
export function vValues(op: LinearOp, size: number): number[] {
  const outN = tf.tidy(() => op(tf.zeros([1, size, size, 1])).size);
  return Array.from({ length: outN }, (_, i) => Math.sin(1.3 * i + 0.5));
}

/** The reference case: f(x) = sum(act(x W1) W2), loss = ||df/dx||^2. */
export function mlpCase(act: (t: tf.Tensor) => tf.Tensor) {
  const x = tf.tensor2d([[0.3, -0.7]]);
  const W1 = variableOf(tf.tensor2d([[0.5, -0.2, 0.9], [0.1, 0.4, -0.6]]));
  const W2 = variableOf(tf.tensor2d([[0.7], [-1.1], [0.3]]));
  const { value, grads } = tf.variableGrads(() => {
    const gx = tf.grad((xx: tf.Tensor) => tf.sum(tf.matMul(act(tf.matMul(xx, W1)), W2)))(x);
    return tf.sum(tf.square(gx)) as tf.Scalar;
  }, [W1, W2]);
  const out = { loss: value.dataSync()[0], dW1: Array.from(grads[W1.name].dataSync()), dW2: Array.from(grads[W2.name].dataSync()) };
  tf.dispose([x, W1, W2, value, grads[W1.name], grads[W2.name]]);
  return out;
}

/** max |a - b| / max(1, max |b|): float32-vs-float64 error relative to the gradient's scale. */
export function relErr(a: number[], b: number[]): number {
  return maxAbsDiff(a, b) / Math.max(1, ...b.map(Math.abs));
}

/** tfjs's double-backprop gradients against the float64 reference for one activation and op. */
export function compareCase(actName: string, opName: string) {
  const { x, w, size } = caseValues();
  const op = LINEAR_OPS[opName];
  const v = vValues(op, size);
  const ref = referenceGrads(ACTIVATIONS[actName], op, x, w, v, size);
  const got = tfjsGrads(ACTIVATIONS[actName], op, x, w, v, size);
  return { got, ref, errW: relErr(got.dW, ref.dW), errV: relErr(got.dV, ref.dV) };
}
