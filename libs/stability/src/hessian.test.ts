import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { adamSharpnessLimit, hessianVectorProduct, sgdSharpnessLimit, topHessianEigenvalue } from './hessian.js';
import { expectNoLeak, matMul, normalMatrix, randomOrthogonal, rng, symmetricEigenvalues, transpose, useCpu, withEigenvalues, type Matrix } from '../test/helpers.js';

beforeAll(useCpu);

const column = (values: number[]) => tf.variable(tf.tensor2d(values, [values.length, 1]));
/** loss = 0.5 w^T A w, whose Hessian is (A + A^T) / 2 = A for symmetric A. */
const quadratic = (a: tf.Tensor2D, w: tf.Variable) => () => tf.mul(0.5, tf.sum(tf.mul(w, tf.matMul(a, w)))) as tf.Scalar;
const relErr = (x: number, ref: number) => Math.abs(x - ref) / Math.abs(ref);

/** A = Q diag(l) Q^T (float64) with a seeded random orthogonal Q, and w. */
function quadraticCase(l: number[], seed = 3) {
  const r = rng(seed);
  const a = withEigenvalues(randomOrthogonal(r, l.length), l);
  const w = column(normalMatrix(r, l.length, 1).map((row) => row[0]));
  return { a, at: tf.tensor2d(a), w };
}

describe('hessianVectorProduct', () => {
  test('quadratic: Hv = A v (A built as Q diag(l) Q^T in float64)', () => {
    const { a, at, w } = quadraticCase([4, 2, 1, -0.5, 0.25]);
    const v = [0.3, -1, 0.7, 2, -0.2];
    const [hv] = hessianVectorProduct(quadratic(at, w), [w], [tf.tensor2d(v, [5, 1])]);
    const expected = matMul(a, transpose([v])).map((row) => row[0]); // A v in float64
    Array.from(hv.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 5));
  });

  test('gradients: logistic regression Hv equals the closed form (1/N) sum s(1-s) x x^T v', () => {
    // L(w) = mean_i softplus(-y_i x_i.w); d2L/dw2 = (1/N) sum_i sigma(z_i)(1 - sigma(z_i)) x_i x_i^T, z_i = y_i x_i.w
    const r = rng(11);
    const [n, d] = [20, 4];
    const x = normalMatrix(r, n, d);
    const y = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -1 : 1));
    const w0 = normalMatrix(r, d, 1).map((row) => row[0] * 0.5);
    const w = column(w0);
    const [xt, yt] = [tf.tensor2d(x), tf.tensor2d(y, [n, 1])];
    const loss = () => tf.mean(tf.softplus(tf.neg(tf.mul(yt, tf.matMul(xt, w))))) as tf.Scalar;
    const v = [1, -0.5, 0.25, 2];
    const [hv] = hessianVectorProduct(loss, [w], [tf.tensor2d(v, [d, 1])]);
    const expected = new Array<number>(d).fill(0);
    x.forEach((xi, i) => {
      const s = 1 / (1 + Math.exp(-y[i] * xi.reduce((acc, xk, k) => acc + xk * w0[k], 0)));
      const c = (s * (1 - s) * xi.reduce((acc, xk, k) => acc + xk * v[k], 0)) / n;
      xi.forEach((xk, k) => (expected[k] += c * xk));
    });
    Array.from(hv.dataSync()).forEach((h, k) => expect(h).toBeCloseTo(expected[k], 5));
  });

  test('throws when v does not match the weights', () => {
    const w = column([1, 2]);
    expect(() => hessianVectorProduct(() => tf.sum(tf.square(w)) as tf.Scalar, [w], [tf.zeros([3, 1])])).toThrow(/v\[0\] has shape \[3,1\], weight '.*' \[2,1\]/);
  });

  test('no leaked tensors', async () => {
    const { at, w } = quadraticCase([3, 1, 0.5]);
    const v = tf.ones([3, 1]);
    await expectNoLeak(() => hessianVectorProduct(quadratic(at, w), [w], [v]));
  });
});

describe('topHessianEigenvalue', () => {
  test('quadratic with known spectrum: finds the top eigenvalue within 1%', () => {
    const l = [5, 3.2, 2, 1, 0.5, -0.4, 0.1, -1.5]; // eigenvalues of A by construction
    const { at, w } = quadraticCase(l);
    const top = topHessianEigenvalue(quadratic(at, w), [w], { iterations: 200, tolerance: 1e-7 });
    expect(top.converged).toBe(true);
    expect(relErr(top.eigenvalue, 5)).toBeLessThan(0.01);
  });

  test('a negative eigenvalue of larger magnitude is the one returned, with its sign', () => {
    const { at, w } = quadraticCase([2, 1, -6, 0.5]);
    const top = topHessianEigenvalue(quadratic(at, w), [w], { iterations: 200, tolerance: 1e-7 });
    expect(relErr(top.eigenvalue, -6)).toBeLessThan(0.01);
  });

  test('dense layer with MSE: equals 2/(N k) lambda_max([X 1]^T [X 1]) (Jacobi eigenvalues, float64)', () => {
    // L = 1/(N k) ||X W + 1 b^T - Y||_F^2 is quadratic in (W, b) with Hessian 2/(N k) (I_k (x) Xa^T Xa), Xa = [X 1].
    const r = rng(5);
    const [n, d, k] = [16, 5, 3];
    const x = normalMatrix(r, n, d);
    const model = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [d], units: k, kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) })] });
    const [xt, yt] = [tf.tensor2d(x), tf.tensor2d(normalMatrix(r, n, k))];
    const loss = () => tf.mean(tf.square(tf.sub(model.apply(xt) as tf.Tensor, yt))) as tf.Scalar;
    const xa: Matrix = x.map((row) => [...row, 1]);
    const expected = (2 / (n * k)) * symmetricEigenvalues(matMul(transpose(xa), xa))[0];
    const top = topHessianEigenvalue(loss, model.trainableWeights, { iterations: 300, tolerance: 1e-7, seed: 2 });
    expect(relErr(top.eigenvalue, expected)).toBeLessThan(0.01);
  });

  test('preconditioned: the top eigenvalue of P^-1 A (= eig of P^-1/2 A P^-1/2, Jacobi in float64)', () => {
    const l = [4, 2.5, 1, 0.3, -0.2, 0.8];
    const { a, at, w } = quadraticCase(l, 9);
    const p = [0.5, 2, 1, 4, 0.25, 1.5];
    const s = p.map((x) => 1 / Math.sqrt(x));
    const expected = symmetricEigenvalues(a.map((row, i) => row.map((x, j) => s[i] * x * s[j])))[0];
    const top = topHessianEigenvalue(quadratic(at, w), [w], { iterations: 300, tolerance: 1e-7, preconditioner: [tf.tensor2d(p, [6, 1])] });
    expect(relErr(top.eigenvalue, expected)).toBeLessThan(0.01);
  });

  test('a loss linear in the weights has zero curvature: 0, converged at once', () => {
    const w = column([1, -2, 3]);
    const c = tf.tensor2d([[0.5], [1], [-1]]);
    expect(topHessianEigenvalue(() => tf.sum(tf.mul(w, c)) as tf.Scalar, [w])).toEqual({ eigenvalue: 0, iterations: 1, converged: true });
  });

  test('the same seed gives the same estimate; iterations are capped', () => {
    const { at, w } = quadraticCase([3, 2.9, 1]); // close top pair: slow convergence
    const run = (seed: number) => topHessianEigenvalue(quadratic(at, w), [w], { iterations: 4, tolerance: 0, seed });
    expect(run(7)).toEqual(run(7));
    expect(run(7)).toMatchObject({ iterations: 4, converged: false });
  });

  test('throws when options or weights are invalid', () => {
    const w = column([1, 2]);
    const frozen = tf.variable(tf.zeros([2]), false);
    const loss = () => tf.sum(tf.square(w)) as tf.Scalar;
    expect(() => topHessianEigenvalue(loss, [w], { iterations: 0 })).toThrow(/iterations must be an integer >= 1, got 0/);
    expect(() => topHessianEigenvalue(loss, [])).toThrow(/no weights given/);
    expect(() => topHessianEigenvalue(loss, [w, frozen])).toThrow(/is not trainable/);
    expect(() => topHessianEigenvalue(loss, [w, w])).toThrow(/listed twice/);
  });

  test('no leaked tensors (with and without a preconditioner)', async () => {
    const { at, w } = quadraticCase([3, 1, 0.5]);
    const p = tf.ones([3, 1]);
    await expectNoLeak(() => void topHessianEigenvalue(quadratic(at, w), [w], { iterations: 5 }));
    await expectNoLeak(() => void topHessianEigenvalue(quadratic(at, w), [w], { iterations: 5, preconditioner: [p] }));
  });
});

describe('stability limits', () => {
  /** |w| after `steps` of the linear recurrence, on a 1-D quadratic of curvature h. */
  function gradientDescent(h: number, lr: number, steps = 400): number {
    let w = 1;
    for (let t = 0; t < steps; t++) w -= lr * h * w;
    return Math.abs(w);
  }
  /** Adam's update with a frozen preconditioner P: m = b1 m + (1 - b1) g; w -= lr m / P. */
  function emaMomentum(h: number, p: number, lr: number, beta1: number, steps: number): number {
    let [w, m] = [1, 0];
    for (let t = 0; t < steps && Math.abs(w) < 1e6; t++) {
      m = beta1 * m + (1 - beta1) * h * w;
      w -= (lr * m) / p;
    }
    return Math.abs(w);
  }

  test('gradient descent on a quadratic is stable below sgdSharpnessLimit(lr) = 2/lr and diverges above', () => {
    const lr = 0.1;
    expect(sgdSharpnessLimit(lr)).toBe(20);
    expect(gradientDescent(0.97 * sgdSharpnessLimit(lr), lr)).toBeLessThan(1e-3);
    expect(gradientDescent(1.03 * sgdSharpnessLimit(lr), lr)).toBeGreaterThan(1e3);
  });

  test('EMA momentum with preconditioner P is stable while h/P < adamSharpnessLimit = (2 + 2 b1)/((1 - b1) lr), 38/lr at b1 = 0.9', () => {
    const [lr, p] = [0.01, 3];
    expect(adamSharpnessLimit(lr)).toBeCloseTo(38 / lr, 9);
    for (const beta1 of [0.9, 0.5, 0.99]) {
      const limit = adamSharpnessLimit(lr, beta1);
      expect(emaMomentum(0.97 * limit * p, p, lr, beta1, 20000)).toBeLessThan(1e-3);
      expect(emaMomentum(1.03 * limit * p, p, lr, beta1, 20000)).toBeGreaterThan(1e3);
    }
  });
});
