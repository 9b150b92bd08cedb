/**
 * The fixes are backend-independent: the same float64 checks as activations.test.ts and
 * pooling-resize.test.ts on the wasm backend (tolerance relErr < 1e-5), and the issue case.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import { ACTIVATIONS, compareCase, maxAbsDiff, mlpCase } from '../test/double-backprop-harness.js';
import { maxPoolTieCase, type PoolSpec } from '../test/max-pool-reference.js';
import { registerGradientFixes, withOriginalGradients } from './register.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
  registerGradientFixes();
});

const TOLERANCE = 1e-5;

describe('double backprop on wasm', () => {
  test('runs on wasm', () => {
    expect(tf.getBackend()).toBe('wasm');
  });

  test('the issue case: f = sum(tanh(x W1) W2) matches the reference; tfjs own gradient does not', () => {
    const expected = [0.977295, -1.286335, 0.150872, -0.561576, 0.574697, 0.124218]; // from the issue
    expect(maxAbsDiff(mlpCase((t) => tf.tanh(t)).dW1, expected)).toBeLessThan(1e-4);
    expect(maxAbsDiff(withOriginalGradients(() => mlpCase((t) => tf.tanh(t))).dW1, expected)).toBeGreaterThan(0.1);
  });

  test.each([
    ...Object.keys(ACTIVATIONS).map((a) => [a, 'identity']),
    ['softplus', 'avgPool'],
    ['softplus', 'resizeNearestNeighbor'],
    ['softplus', 'resizeBilinear'],
  ])('%s through %s matches central differences', (act, op) => {
    const { errW, errV } = compareCase(act, op);
    expect(errW).toBeLessThan(TOLERANCE);
    expect(errV).toBeLessThan(TOLERANCE);
  });

  test.each<[string, PoolSpec]>([
    ['2x2 stride 2 valid', { size: 4, filter: 2, stride: 2, pad: 'valid' }],
    ['3x3 stride 2 same', { size: 5, filter: 3, stride: 2, pad: 'same' }],
  ])('maxPool %s with ties: our MaxPoolGrad gradient matches the wasm kernel (adjoint)', (_name, spec) => {
    // The wasm kernel sends a tied window's gradient to its last maximum (cpu: first).
    const { got, expected, lhs, rhs } = maxPoolTieCase(spec, 'last');
    expect(got).toEqual(expected);
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-5);
  });
});
