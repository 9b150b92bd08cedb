/**
 * Our GEMM (assembly/gemm.ts through our-mat-mul.ts) on wasm: BatchMatMul and _FusedMatMul
 * against a float64 product written from the definition and against the cpu backend, for every
 * tile edge (m and n around the 4 x 8 tile, narrow n < 8 on the dot-product path, k = 1), every
 * transpose flag, batched and broadcast operands, bias and each epilogue activation; both builds
 * (relaxed and plain SIMD); XNNPACK when switched off; nothing leaked.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { compileGemm, gemmFor, gemmStatus, useGemm, type GemmVariant } from './gemm-module.js';
import { errorFigures, seeded, setupBackends, valuesOn } from './test-helpers.js';

const figures: string[] = [];
beforeAll(setupBackends);
afterEach(() => useGemm('ours'));
afterAll(() => console.log(`our GEMM vs float64 definition:\n${figures.join('\n')}`));

/** act(op(A) op(B) + bias) in float64, A and B in their stored layouts, broadcast batch 1. */
function reference(a: Float32Array, b: Float32Array, bias: Float32Array | null, s: { batchA: number; batchB: number; m: number; k: number; n: number; ta: boolean; tb: boolean }, act: (v: number) => number): Float64Array {
  const { batchA, batchB, m, k, n, ta, tb } = s;
  const batch = Math.max(batchA, batchB);
  const out = new Float64Array(batch * m * n);
  for (let t = 0; t < batch; t++) {
    const [oa, ob] = [batchA > 1 ? t * m * k : 0, batchB > 1 ? t * k * n : 0];
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let sum = bias === null ? 0 : bias[j];
        for (let q = 0; q < k; q++) sum += (ta ? a[oa + q * m + i] : a[oa + i * k + q]) * (tb ? b[ob + j * k + q] : b[ob + q * n + j]);
        out[(t * m + i) * n + j] = act(sum);
      }
  }
  return out;
}

const ACTIVATIONS: Record<string, (v: number) => number> = {
  linear: (v) => v,
  relu: (v) => Math.max(v, 0),
  leakyrelu: (v) => (v > 0 ? v : 0.2 * v),
  relu6: (v) => Math.min(Math.max(v, 0), 6),
};

const shapes = (s: { batchA: number; batchB: number; m: number; k: number; n: number; ta: boolean; tb: boolean }) => ({
  a: [...(s.batchA > 0 ? [s.batchA] : []), ...(s.ta ? [s.k, s.m] : [s.m, s.k])],
  b: [...(s.batchB > 0 ? [s.batchB] : []), ...(s.tb ? [s.n, s.k] : [s.k, s.n])],
});

describe.each<GemmVariant>(['relaxed-simd', 'simd'])('our %s GEMM', (variant) => {
  // [m, k, n]: 4 x 8 tiles with every row (m % 4) and column (n % 8, n % 4) remainder, the narrow
  // dot-product path (n < 8, with k % 4 tails), k = 1, and the ring8 / DCGAN shapes.
  const sizes: [number, number, number][] = [
    [1, 1, 1], [3, 5, 2], [4, 4, 8], [5, 7, 9], [13, 33, 12], [7, 64, 17], [256, 64, 64], [512, 64, 1], [256, 2, 64], [64, 3, 7], [9, 1, 20],
  ];
  const flags: [boolean, boolean][] = [[false, false], [true, false], [false, true], [true, true]];

  test.each(sizes.flatMap(([m, k, n]) => flags.map(([ta, tb]) => [m, k, n, ta, tb] as const)))(
    'BatchMatMul m %i, k %i, n %i, transposeA %s, transposeB %s: the definition within 1e-5 and cpu',
    async (m, k, n, ta, tb) => {
      useGemm(variant);
      const s = { batchA: 1, batchB: 1, m, k, n, ta, tb };
      const [a, b] = [seeded(m * k, 11 + m), seeded(k * n, 12 + n)];
      const { a: aShape, b: bShape } = shapes(s);
      const run = () => tf.engine().runKernel<tf.Tensor>('BatchMatMul', { a: tf.tensor(a, aShape), b: tf.tensor(b, bShape) }, { transposeA: ta, transposeB: tb });
      const ours = await valuesOn('wasm', run);
      expect(gemmStatus()).toBe(`our ${variant} GEMM`);
      const e = errorFigures(ours, reference(a, b, null, s, ACTIVATIONS.linear));
      figures.push(`  ${variant} [${aShape}]${ta ? 'T' : ''} @ [${bShape}]${tb ? 'T' : ''}: maxAbs ${e.maxAbs.toExponential(2)}, rel ${e.rel.toExponential(2)}`);
      expect(e.rel).toBeLessThan(1e-5);
      expect(errorFigures(ours, await valuesOn('cpu', run)).rel).toBeLessThan(1e-5);
    },
  );

  test.each([
    [3, 3, 'same batch'],
    [1, 4, 'a broadcast'],
    [4, 1, 'b broadcast'],
  ] as const)('batched BatchMatMul, batch %i x %i (%s), every transpose', async (batchA, batchB, _label) => {
    useGemm(variant);
    for (const [ta, tb] of flags) {
      for (const [m, k, n] of [[5, 6, 11], [6, 5, 3]] as const) {
        const s = { batchA, batchB, m, k, n, ta, tb };
        const [a, b] = [seeded(batchA * m * k, 21), seeded(batchB * k * n, 22)];
        const { a: aShape, b: bShape } = shapes(s);
        const out = await valuesOn('wasm', () => tf.engine().runKernel<tf.Tensor>('BatchMatMul', { a: tf.tensor(a, aShape), b: tf.tensor(b, bShape) }, { transposeA: ta, transposeB: tb }));
        expect(out.length).toBe(Math.max(batchA, batchB) * m * n);
        expect(errorFigures(out, reference(a, b, null, s, ACTIVATIONS.linear)).rel).toBeLessThan(1e-5);
      }
    }
  });

  test.each(Object.keys(ACTIVATIONS))('_FusedMatMul with bias and %s matches the definition and cpu, every transpose, wide and narrow', async (activation) => {
    useGemm(variant);
    for (const [ta, tb] of flags) {
      for (const [m, k, n] of [[9, 6, 12], [10, 5, 3]] as const) {
        const s = { batchA: 1, batchB: 1, m, k, n, ta, tb };
        const [a, b] = [seeded(m * k, 31).map((v) => 3 * v), seeded(k * n, 32).map((v) => 3 * v)]; // reaches relu6's cap
        const bias = seeded(n, 33);
        const { a: aShape, b: bShape } = shapes(s);
        const run = () => tf.engine().runKernel<tf.Tensor>('_FusedMatMul', { a: tf.tensor(a, aShape), b: tf.tensor(b, bShape), bias: tf.tensor1d(bias) }, { transposeA: ta, transposeB: tb, activation, leakyreluAlpha: 0.2 });
        const ours = await valuesOn('wasm', run);
        expect(errorFigures(ours, reference(a, b, bias, s, ACTIVATIONS[activation])).rel).toBeLessThan(1e-5);
        expect(errorFigures(ours, await valuesOn('cpu', run)).rel).toBeLessThan(1e-5);
      }
    }
  });
});

describe('our GEMM around the kernels', () => {
  test('an activation it does not run (elu) and PReLU weights go to XNNPACK, with the same values as cpu', async () => {
    const [a, b, bias, prelu] = [seeded(6 * 5, 41), seeded(5 * 9, 42), seeded(9, 43), seeded(9, 44)];
    for (const extra of [{ activation: 'elu' }, { activation: 'prelu' }] as const) {
      const run = () =>
        tf.engine().runKernel<tf.Tensor>(
          '_FusedMatMul',
          { a: tf.tensor(a, [1, 6, 5]), b: tf.tensor(b, [1, 5, 9]), bias: tf.tensor1d(bias), ...(extra.activation === 'prelu' ? { preluActivationWeights: tf.tensor1d(prelu) } : {}) },
          { transposeA: false, transposeB: false, activation: extra.activation, leakyreluAlpha: 0.2 },
        );
      expect(errorFigures(await valuesOn('wasm', run), await valuesOn('cpu', run)).rel).toBeLessThan(1e-5);
    }
  });

  test("STABLEGEN_GEMM=xnnpack's switch runs XNNPACK's products and says so; switching back runs ours", async () => {
    await tf.setBackend('wasm');
    const [a, b] = [seeded(8 * 16, 51), seeded(16 * 8, 52)];
    const run = () => tf.matMul(tf.tensor2d(a, [8, 16]), tf.tensor2d(b, [16, 8]));
    useGemm('xnnpack');
    const xnn = await valuesOn('wasm', run);
    expect(gemmStatus()).toBe('XNNPACK matrix products (STABLEGEN_GEMM=xnnpack)');
    useGemm('ours');
    const ours = await valuesOn('wasm', run);
    expect(gemmStatus()).toMatch(/^our (relaxed-)?simd GEMM$/);
    expect(errorFigures(ours, xnn).rel).toBeLessThan(1e-5);
  });

  test('a missing build is reported with the command that builds it', () => {
    const empty = path.join(os.tmpdir(), `no-gemm-${process.pid}${path.sep}`);
    expect(compileGemm('ours', empty)).toBe(`our GEMM is not built (no binary in ${empty}): run \`npx nx run backend:build-wasm\``);
    expect(compileGemm('simd', empty)).toMatch(/no simd binary/);
  });

  test('binds to the backend memory once, and the products leak no buffers or tensors', async () => {
    await tf.setBackend('wasm');
    const wasm = (tf.backend() as unknown as { wasm: unknown }).wasm;
    expect(gemmFor(wasm)).toBe(gemmFor(wasm));
    const x = tf.tensor2d(seeded(20 * 10, 61), [20, 10]);
    const w = tf.tensor2d(seeded(10 * 3, 62), [10, 3]);
    const before = [tf.backend().numDataIds(), tf.memory().numTensors];
    for (const [ta, tb] of [[false, false], [true, true]] as const) {
      tf.tidy(() => {
        tf.matMul(ta ? tf.transpose(x) : x, tb ? tf.transpose(w) : w, ta, tb);
      });
    }
    expect([tf.backend().numDataIds(), tf.memory().numTensors]).toEqual(before);
    tf.dispose([x, w]);
  });
});
