/**
 * fusedDense: the values of tfjs-layers' Dense followed by its activation layer (bit for bit: the
 * same kernels), its input checks, and no leaked tensors. Its gradients are tested with the
 * registered gradient (@stablegen/gradient-fixes, fused-mat-mul-grad.test.ts) and through model
 * chains (@stablegen/gan-training, layer-chain.test.ts).
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { fusedDense } from './fused-dense.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const x = () => tf.randomNormal([6, 3], 0, 1, 'float32', 1);

describe('fusedDense', () => {
  it.each([
    ['linear', null],
    ['relu', tfl.layers.reLU()],
    ['leakyrelu', tfl.layers.leakyReLU({ alpha: 0.3 })],
  ] as const)('%s: the same values as layers.dense and the activation layer', (activation, layer) => {
    const dense = tfl.layers.dense({ units: 4, biasInitializer: 'glorotUniform', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) });
    const input = x();
    const viaLayers = tf.tidy(() => {
      const h = dense.apply(input) as tf.Tensor;
      return layer ? (layer.apply(h) as tf.Tensor) : h;
    });
    const [kernel, bias] = dense.getWeights();
    const ours = fusedDense(input, kernel, bias, activation, 0.3);
    expect(ours.shape).toEqual([6, 4]);
    expect(Array.from(ours.dataSync())).toEqual(Array.from(viaLayers.dataSync()));
    expect(Math.min(...viaLayers.dataSync())).toBeLessThan(activation === 'relu' ? 1e-30 : 0); // the activation's negative side is exercised
    tf.dispose([dense.getWeights(), input, viaLayers, ours]);
  });

  it('without a bias: x kernel', () => {
    const [input, kernel] = [x(), tf.randomNormal([3, 2], 0, 1, 'float32', 3)];
    expect(Array.from(fusedDense(input, kernel, null).dataSync())).toEqual(Array.from(tf.matMul(input, kernel).dataSync()));
  });

  it.each([
    ['x of rank 3', () => fusedDense(tf.ones([1, 6, 3]), tf.ones([3, 4]), null), /x \[1,6,3\] and kernel \[3,4\] must be \[n, k\] and \[k, m\]/],
    ['inner sizes that differ', () => fusedDense(tf.ones([6, 3]), tf.ones([2, 4]), null), /must be \[n, k\] and \[k, m\]/],
    ['a bias of the wrong shape', () => fusedDense(tf.ones([6, 3]), tf.ones([3, 4]), tf.ones([3])), /bias \[3\] must be \[4\]/],
    ['a negative leakyrelu slope', () => fusedDense(tf.ones([6, 3]), tf.ones([3, 4]), null, 'leakyrelu', -0.1), /alpha must be >= 0, got -0.1/],
  ])('rejects %s with a message that names it', (_name, call, message) => {
    expect(call).toThrow(message);
  });

  it('leaks no tensors', () => {
    const [input, kernel, bias] = [x(), tf.ones([3, 4]), tf.ones([4])];
    fusedDense(input, kernel, bias, 'leakyrelu').dispose();
    const before = tf.memory().numTensors;
    fusedDense(input, kernel, bias, 'leakyrelu').dispose();
    tf.grad((t: tf.Tensor) => tf.sum(fusedDense(t, kernel, bias, 'leakyrelu')))(input).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
