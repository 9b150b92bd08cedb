/**
 * Double backprop through avgPool, resizeNearestNeighbor, resizeBilinear and maxPool:
 * loss = ||df/dx||^2 for f(x) = sum(R(softplus(x * W)) * V). softplus needs no fix, so without
 * the fixes only R's *Grad kernel is to blame. Checked against float64 central differences;
 * tolerance as in activations.test.ts (relErr < 1e-5).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { ACTIVATIONS, caseValues, compareCase, relErr, tfjsGrads } from '../test/double-backprop-harness.js';
import { maxPoolReference, maxPoolTieCase, poolWindows, windowArgmax, type PoolSpec } from '../test/max-pool-reference.js';
import { gatherAtWindowArgmax } from './max-pool-grad-grad.js';
import { registerGradientFixes, withOriginalGradients } from './register.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerGradientFixes();
});

const TOLERANCE = 1e-5;

describe('linear resampling ops under double backprop', () => {
  test.each([
    ['avgPool', 'AvgPoolGrad'],
    ['resizeNearestNeighbor', 'ResizeNearestNeighborGrad'],
    ['resizeBilinear', 'ResizeBilinearGrad'],
  ])('%s: matches central differences; throws without the fix (%s)', (op, kernel) => {
    const { errW, errV, got } = compareCase('softplus', op);
    expect(errW).toBeLessThan(TOLERANCE);
    expect(errV).toBeLessThan(TOLERANCE);
    // dV is the part that flows through the *Grad kernel's own gradient: it must not be zero.
    expect(Math.max(...got.dV.map(Math.abs))).toBeGreaterThan(0.01);
    expect(() => withOriginalGradients(() => compareCase('softplus', op))).toThrow(`gradient function not found for ${kernel}`);
  });
});

describe('maxPool under double backprop', () => {
  const specs: Array<[string, PoolSpec]> = [
    ['2x2 stride 2 valid on 4x4', { size: 4, filter: 2, stride: 2, pad: 'valid' }],
    ['3x3 stride 2 same on 5x5 (overlapping windows, padding)', { size: 5, filter: 3, stride: 2, pad: 'same' }],
    ['3x3 stride 1 same on 4x4 (nine window groups)', { size: 4, filter: 3, stride: 1, pad: 'same' }],
  ];

  test.each(specs)('%s: matches central differences; throws without the fix', (_name, spec) => {
    const { x, w } = caseValues(spec.size);
    const v = poolWindows(spec).map((_, i) => Math.sin(1.3 * i + 0.5));
    const ref = maxPoolReference(ACTIVATIONS.softplus, spec, x, w, v);
    expect(ref.minGap).toBeGreaterThan(1e-3); // central differences never flip an argmax
    const pool = (t: tf.Tensor4D) => tf.maxPool(t, spec.filter, spec.stride, spec.pad);
    const got = tfjsGrads(ACTIVATIONS.softplus, pool, x, w, v, spec.size);
    expect(Math.abs(got.loss - ref.loss) / ref.loss).toBeLessThan(TOLERANCE);
    expect(relErr(got.dW, ref.dW)).toBeLessThan(TOLERANCE);
    expect(relErr(got.dV, ref.dV)).toBeLessThan(TOLERANCE);
    expect(() => withOriginalGradients(() => tfjsGrads(ACTIVATIONS.softplus, pool, x, w, v, spec.size))).toThrow(
      'gradient function not found for MaxPoolGrad',
    );
  });

  test.each(specs)('%s, with ties: the gradient of MaxPoolGrad is the adjoint of the kernel', (_name, spec) => {
    // The cpu kernel sends a tied window's gradient to its first maximum (row-major).
    const { got, expected, lhs, rhs } = maxPoolTieCase(spec, 'first');
    expect(got).toEqual(expected);
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-5);
  });

  test('gatherAtWindowArgmax handles batches and channels independently', () => {
    // Two images, two channels: each (image, channel) slice equals the single-channel result.
    const spec: PoolSpec = { size: 5, filter: 3, stride: 2, pad: 'same' };
    const x = tf.tidy(() => tf.reshape(tf.sin(tf.mul(tf.range(0, 100), 1.7)), [2, 5, 5, 2]) as tf.Tensor4D);
    const g = tf.tidy(() => tf.reshape(tf.cos(tf.range(0, 100)), [2, 5, 5, 2]) as tf.Tensor4D);
    const y = tf.maxPool(x, 3, 2, 'same');
    const got = gatherAtWindowArgmax(g, x, y, { filterSize: 3, strides: 2, pad: 'same' });
    const [xv, gv, out] = [x.arraySync(), g.arraySync(), got.arraySync()];
    const windows = poolWindows(spec);
    for (let b = 0; b < 2; b++) {
      for (let c = 0; c < 2; c++) {
        const xs = xv[b].flat().map((px) => px[c]);
        const gs = gv[b].flat().map((px) => px[c]);
        const flatOut = out[b].flat().map((px) => px[c]);
        expect(flatOut).toEqual(windows.map((win) => gs[windowArgmax(xs, win)]));
      }
    }
    tf.dispose([x, g, y, got]);
  });
});
