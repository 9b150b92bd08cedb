import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { errorFigures, seeded, setupBackends, valuesOn } from './test-helpers.js';

const figures: string[] = [];
beforeAll(setupBackends);
afterAll(() => console.log(`BatchMatMul wasm errors:\n${figures.join('\n')}`));

/** out[b, i, j] = sum_k A[b, i, k] B[b, k, j] in float64, A and B given in their stored layouts. */
function matMulRef(a: Float32Array, b: Float32Array, batch: number, m: number, k: number, n: number, ta: boolean, tb: boolean): Float64Array {
  const out = new Float64Array(batch * m * n);
  for (let p = 0; p < batch; p++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < k; q++) {
          const av = ta ? a[p * k * m + q * m + i] : a[p * m * k + i * k + q];
          const bv = tb ? b[p * n * k + j * k + q] : b[p * k * n + q * n + j];
          s += av * bv;
        }
        out[(p * m + i) * n + j] = s;
      }
  return out;
}

describe('BatchMatMul on wasm', () => {
  // [batch, m, k, n, rank]: dense-layer gradient shapes (x^T dy, dy W^T), batch-1 rank 3, batched fallback.
  const cases: [number, number, number, number, number][] = [
    [1, 64, 3136, 1, 2],
    [1, 64, 64, 3136, 2],
    [1, 33, 17, 5, 3],
    [3, 7, 9, 4, 3],
  ];
  const flags: [boolean, boolean][] = [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ];
  test.each(cases.flatMap((c) => flags.map((f) => [...c, ...f] as const)))(
    'batch %i, m %i, k %i, n %i, rank %i, transposeA %s, transposeB %s matches cpu and the definition',
    async (batch, m, k, n, rank, ta, tb) => {
      const lead = rank === 3 ? [batch] : [];
      const aShape = [...lead, ...(ta ? [k, m] : [m, k])];
      const bShape = [...lead, ...(tb ? [n, k] : [k, n])];
      const a = seeded(batch * m * k, 41);
      const b = seeded(batch * k * n, 42);
      const run = () => tf.matMul(tf.tensor(a, aShape), tf.tensor(b, bShape), ta, tb);
      const wasm = await valuesOn('wasm', run);
      const e = errorFigures(wasm, await valuesOn('cpu', run));
      figures.push(`  [${aShape}]${ta ? 'T' : ''} @ [${bShape}]${tb ? 'T' : ''} vs cpu: maxAbs ${e.maxAbs.toExponential(2)}, rel ${e.rel.toExponential(2)}`);
      expect(e.rel).toBeLessThan(1e-5);
      expect(errorFigures(wasm, matMulRef(a, b, batch, m, k, n, ta, tb)).rel).toBeLessThan(1e-5);
    },
  );

  test('keeps the output shape of broadcast batch-1 operands', async () => {
    await tf.setBackend('wasm');
    const out = tf.matMul(tf.ones([1, 1, 4, 3]), tf.ones([2, 4]), true, true); // [1, 1, 3, 4] x [4, 2]^T
    expect(out.shape).toEqual([1, 1, 3, 2]);
    expect(Array.from(out.dataSync())).toEqual(new Array(6).fill(4)); // each entry sums 4 products 1*1
    out.dispose();
  });

  test('frees the transposed copies', async () => {
    await tf.setBackend('wasm');
    const a = tf.ones([5, 3]);
    const b = tf.ones([4, 5]);
    const before = [tf.backend().numDataIds(), tf.memory().numTensors];
    tf.matMul(a, b, true, true).dispose();
    expect([tf.backend().numDataIds(), tf.memory().numTensors]).toEqual(before);
    tf.dispose([a, b]);
  });
});
