/**
 * fusedConv2d: the values of tfjs-layers' Conv2D followed by its activation layer (bit for bit on
 * cpu: the same kernels), its input checks, and no leaked tensors. Its gradients are tested with the
 * registered gradient (@stablegen/gradient-fixes, fused-conv2d-grad.test.ts) and through model chains
 * (@stablegen/gan-training, layer-chain.test.ts).
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { fusedConv2d } from './fused-conv2d.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const x = () => tf.randomNormal([2, 6, 6, 2], 0, 1, 'float32', 1);

describe('fusedConv2d', () => {
  it.each([
    ['linear', 1, 'valid', null],
    ['relu', 2, 'same', tfl.layers.reLU()],
    ['leakyrelu', 2, 'valid', tfl.layers.leakyReLU({ alpha: 0.3 })],
  ] as const)('%s, stride %s, %s: the same values as layers.conv2d and the activation layer', (activation, stride, padding, layer) => {
    const conv = tfl.layers.conv2d({ filters: 3, kernelSize: 3, strides: stride, padding, biasInitializer: 'glorotUniform', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) });
    const input = x();
    const viaLayers = tf.tidy(() => {
      const h = conv.apply(input) as tf.Tensor;
      return layer ? (layer.apply(h) as tf.Tensor) : h;
    });
    const [filter, bias] = conv.getWeights();
    const ours = fusedConv2d(input, filter, bias, { strides: [stride, stride], padding }, activation, 0.3);
    expect(ours.shape).toEqual(viaLayers.shape);
    expect(Array.from(ours.dataSync())).toEqual(Array.from(viaLayers.dataSync()));
    expect(Math.min(...viaLayers.dataSync())).toBeLessThan(activation === 'relu' ? 1e-30 : 0); // the negative side is exercised
    tf.dispose([conv.getWeights(), input, viaLayers, ours]);
  });

  it('without a bias: conv2d alone', () => {
    const [input, filter] = [x(), tf.randomNormal([3, 3, 2, 4], 0, 1, 'float32', 3)];
    expect(Array.from(fusedConv2d(input, filter, null, { strides: [1, 1], padding: 'same' }).dataSync())).toEqual(Array.from(tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, 1, 'same').dataSync()));
  });

  const geometry = { strides: [1, 1] as [number, number], padding: 'same' as const };
  it.each([
    ['x of rank 3', () => fusedConv2d(tf.ones([6, 6, 2]), tf.ones([3, 3, 2, 4]), null, geometry), /x \[6,6,2\] and filter \[3,3,2,4\] must be \[b, h, w, ci\] and \[kh, kw, ci, co\]/],
    ['input channels that differ', () => fusedConv2d(tf.ones([1, 6, 6, 2]), tf.ones([3, 3, 1, 4]), null, geometry), /must be \[b, h, w, ci\] and \[kh, kw, ci, co\]/],
    ['a bias of the wrong shape', () => fusedConv2d(tf.ones([1, 6, 6, 2]), tf.ones([3, 3, 2, 4]), tf.ones([2]), geometry), /bias \[2\] must be \[4\]/],
    ['a negative leakyrelu slope', () => fusedConv2d(tf.ones([1, 6, 6, 2]), tf.ones([3, 3, 2, 4]), null, geometry, 'leakyrelu', -1), /alpha must be >= 0, got -1/],
  ])('rejects %s with a message that names it', (_name, call, message) => {
    expect(call).toThrow(message);
  });

  it('leaks no tensors', () => {
    const [input, filter, bias] = [x(), tf.ones([3, 3, 2, 4]), tf.ones([4])];
    fusedConv2d(input, filter, bias, geometry, 'leakyrelu').dispose();
    const before = tf.memory().numTensors;
    fusedConv2d(input, filter, bias, geometry, 'leakyrelu').dispose();
    tf.grad((t: tf.Tensor) => tf.sum(fusedConv2d(t, filter, bias, geometry, 'leakyrelu')))(input).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
