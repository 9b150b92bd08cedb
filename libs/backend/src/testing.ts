/** Test helpers shared by the libs' vitest suites (import from `@stablegen/backend/testing`): cpu backend setup, leak counting, plain float64 reference arithmetic. */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from './init-backend.js';
import { expect } from 'vitest';

/** cpu backend + the double-backprop gradient fixes (initBackend registers them). */
export async function useCpu(): Promise<void> {
  await initBackend('cpu', { log: () => undefined });
}

/** Runs `fn`, disposes what it returns, and expects the live tensor count to be unchanged. */
export function expectNoLeak(fn: () => tf.Tensor | tf.Tensor[]): void {
  const before = tf.memory().numTensors;
  tf.dispose(fn());
  expect(tf.memory().numTensors).toBe(before);
}

/** Deterministic pseudo-random values in [-1, 1) (a small LCG), exactly representable in float32. */
export function values(n: number, seed = 1): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.fround((s / 2 ** 32) * 2 - 1); // float32-exact, so tensors hold the same numbers
  });
}

/** Expects |a_i - b_i| <= tol for every i. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst).toBeLessThanOrEqual(tol);
}

/** Central finite differences of a float64 function f: R^n -> R at x. */
export function numericGrad(f: (x: number[]) => number, x: number[], h = 1e-5): number[] {
  return x.map((_, i) => {
    const up = [...x];
    const down = [...x];
    up[i] += h;
    down[i] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

/** Row-major flat index of [b, i, j, c] in a tensor of shape [*, h, w, c]. */
export function idx4(shape: number[], b: number, i: number, j: number, c: number): number {
  return ((b * shape[1] + i) * shape[2] + j) * shape[3] + c;
}
