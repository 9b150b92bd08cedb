/** Test helpers: backend setup, float64 references (central differences) and tensor plumbing. */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { registerGradientFixes } from '@stablegen/gradient-fixes';
import { beforeAll, expect } from 'vitest';

/** cpu backend plus the double-backprop gradient fixes (initBackend registers them too; idempotent). */
export function useCpuBackend(): void {
  beforeAll(async () => {
    await initBackend('cpu', { log: () => {} });
    registerGradientFixes();
  });
}

export const norm = (v: number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
export const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;

/** Central differences of f at p in float64: (f(p + h e_k) - f(p - h e_k)) / 2h for every k. */
export function centralDiff(f: (p: number[]) => number, p: number[], h = 1e-6): number[] {
  return p.map((_, k) => {
    const plus = [...p];
    const minus = [...p];
    plus[k] += h;
    minus[k] -= h;
    return (f(plus) - f(minus)) / (2 * h);
  });
}

/** |got - want| <= rel * max(1, |want|) for every entry. */
export function expectClose(got: number | number[], want: number | number[], rel = 1e-5): void {
  const [g, w] = [[got].flat(), [want].flat()];
  expect(g.length).toBe(w.length);
  g.forEach((x, i) => expect(Math.abs(x - w[i]), `entry ${i}: got ${x}, want ${w[i]}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(w[i]))));
}

export function variable(values: number[], shape: number[]): tf.Variable {
  return tf.tidy(() => tf.variable(tf.tensor(values, shape)));
}

/** Rows of x [batch, ...] flattened to plain arrays: number[batch][prod(rest)]. */
export function rows(x: tf.Tensor): number[][] {
  const flat = tf.tidy(() => tf.reshape(x, [x.shape[0], -1]));
  const out = flat.arraySync() as number[][];
  flat.dispose();
  return out;
}

/** The interpolation weights wganGradientPenalty draws: the same tf.randomUniform call. */
export function drawE(batch: number, rank: number, seed: number): number[] {
  const e = tf.randomUniform([batch, ...new Array<number>(rank - 1).fill(1)], 0, 1, 'float32', seed);
  const out = Array.from(e.dataSync());
  e.dispose();
  return out;
}

/** x^_i = e_i r_i + (1 - e_i) f_i in float64, rows flattened. */
export const interpolate = (r: number[][], f: number[][], e: number[]): number[][] =>
  r.map((row, i) => row.map((x, j) => e[i] * x + (1 - e[i]) * f[i][j]));

/** A penalty's value and its gradients w.r.t. `vars` as plain numbers (absent gradient = zeros). */
export function penaltyAndGrads(make: () => tf.Scalar, vars: tf.Variable[]): { value: number; grads: number[][] } {
  const { value, grads } = tf.variableGrads(make, vars);
  const out = {
    value: value.dataSync()[0],
    grads: vars.map((v) => (grads[v.name] ? Array.from(grads[v.name].dataSync()) : new Array<number>(v.size).fill(0))),
  };
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

/** Reads and disposes a scalar. */
export function take(t: tf.Scalar): number {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
}
