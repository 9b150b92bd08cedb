/** Test helpers: cpu backend, leak counting, and plain float64 linear algebra as the reference. */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng, type Rng } from '@stablegen/random';
import { expect } from 'vitest';

export type Matrix = number[][];

/** cpu backend + the double-backprop gradient fixes (initBackend registers them). */
export async function useCpu(): Promise<void> {
  await initBackend('cpu', { log: () => undefined });
}

/** Runs `fn`, disposes what it returns, and expects the live tensor count to be unchanged. */
export async function expectNoLeak(fn: () => unknown): Promise<void> {
  const before = tf.memory().numTensors;
  const out = await fn();
  if (out instanceof tf.Tensor || (Array.isArray(out) && out.every((t) => t instanceof tf.Tensor))) tf.dispose(out as tf.Tensor[]);
  expect(tf.memory().numTensors).toBe(before);
}

export const rng = (seed: number): Rng => createRng(seed);

/** rows x cols standard normal draws, rounded to float32 so tf and the reference see the same numbers. */
export function normalMatrix(r: Rng, rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.fround(r.normal())));
}

export const transpose = (a: Matrix): Matrix => a[0].map((_, j) => a.map((row) => row[j]));

export function matMul(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
}

export const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * b[i], 0);

/** Q of a Gram-Schmidt QR of a seeded normal matrix: a random orthogonal n x n matrix (columns). */
export function randomOrthogonal(r: Rng, n: number): Matrix {
  const cols: number[][] = [];
  for (const c of transpose(normalMatrix(r, n, n))) {
    const v = [...c];
    for (const q of cols) {
      const p = dot(v, q);
      q.forEach((x, i) => (v[i] -= p * x));
    }
    const len = Math.sqrt(dot(v, v));
    cols.push(v.map((x) => x / len));
  }
  return transpose(cols);
}

/** Q diag(l) Q^T: a symmetric matrix with eigenvalues l. */
export function withEigenvalues(q: Matrix, l: readonly number[]): Matrix {
  return q.map((qi) => q.map((qj) => qi.reduce((s, x, k) => s + x * l[k] * qj[k], 0)));
}

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations (float64), sorted descending. */
export function symmetricEigenvalues(m: Matrix): number[] {
  const a = m.map((row) => [...row]);
  const n = a.length;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (off < 1e-24) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const [akp, akq] = [a[k][p], a[k][q]];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const [apk, aqk] = [a[p][k], a[q][k]];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
      }
    }
  }
  return a.map((row, i) => row[i]).sort((x, y) => y - x);
}
