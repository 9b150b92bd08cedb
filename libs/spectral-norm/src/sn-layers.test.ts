import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import { beforeAll, describe, expect, test } from 'vitest';
import { SpectralNormConv2D, SpectralNormDense } from './sn-layers.js';
import { conv2d, matMul, powerStep } from './testing/float64.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const rng = createRng(42);
const randn = (n: number) => Array.from({ length: n }, () => rng.normal());
const values = (t: tf.Tensor) => Array.from(t.dataSync());
/** [kernel, bias, u] of a built layer as number arrays (getWeights returns the variables themselves). */
const weightsOf = (l: tfl.layers.Layer) => l.getWeights().map(values);

describe('SpectralNormDense', () => {
  test('basic: output equals x W / sigma + b for input [batch, t, in] (float64 reference)', () => {
    const layer = new SpectralNormDense({ units: 3, seed: 7, useBias: true });
    const x = tf.tensor3d(randn(2 * 2 * 4), [2, 2, 4]); // [batch 2, t 2, in 4]
    layer.build([null, 2, 4]);
    const b = tf.tensor1d([0.1, -0.2, 0.3]); // a non-zero bias, so the test sees it
    layer.setWeights([layer.getWeights()[0], b, layer.getWeights()[2]]);
    const [kernel, bias, u] = weightsOf(layer);
    const y = layer.apply(x, { training: false }) as tf.Tensor;
    expect(y.shape).toEqual([2, 2, 3]);
    const { sigma } = powerStep(kernel, 4, 3, u); // one step of Miyato et al. Algorithm 1
    const ref = matMul(values(x), kernel, 4, 4, 3).map((a, k) => a / sigma + bias[k % 3]);
    values(y).forEach((a, k) => expect(a).toBeCloseTo(ref[k], 5));
    expect(layer.sigma()).toBeCloseTo(sigma, 5);
    tf.dispose([x, y, b]);
  });
});

describe('SpectralNormConv2D', () => {
  test.each([
    ['same', [3, 2], [2, 1]],
    ['valid', [2, 3], [1, 2]],
  ] as const)('basic: output equals conv2d(x, K / sigma) + b (%s, kernel %j, strides %j)', (padding, kernelSize, strides) => {
    const layer = new SpectralNormConv2D({ filters: 4, kernelSize: [...kernelSize], strides: [...strides], padding, seed: 3 });
    const xs = [2, 5, 6, 2];
    const x = tf.tensor4d(randn(xs.reduce((a, b) => a * b)), xs as [number, number, number, number]);
    layer.build(xs);
    const [kernel, , u] = weightsOf(layer);
    const y = layer.apply(x) as tf.Tensor;
    const { sigma } = powerStep(kernel, kernelSize[0] * kernelSize[1] * 2, 4, u); // K as [kh*kw*cin, cout]
    const ref = conv2d(values(x), xs, kernel.map((a) => a / sigma), [...kernelSize, 2, 4], [...strides], padding);
    expect(y.shape).toEqual(ref.shape);
    expect(layer.computeOutputShape(xs)).toEqual(ref.shape);
    values(y).forEach((a, k) => expect(a).toBeCloseTo(ref.out[k], 5)); // zero bias at init
    tf.dispose([x, y]);
  });

  test('u persists: unchanged when not training, one float64 power step per training call', () => {
    const layer = new SpectralNormConv2D({ filters: 4, kernelSize: 3, strides: 2, seed: 3 });
    const x = tf.randomNormal([2, 6, 6, 2], 0, 1, 'float32', 9);
    tf.dispose(layer.apply(x, { training: false }) as tf.Tensor);
    const [kernel, , u0] = weightsOf(layer);
    tf.dispose([layer.apply(x, { training: false }) as tf.Tensor, layer.apply(x) as tf.Tensor]);
    expect(weightsOf(layer)[2]).toEqual(u0);
    let uRef = u0;
    for (let i = 0; i < 5; i++) {
      tf.dispose(layer.apply(x, { training: true }) as tf.Tensor);
      uRef = powerStep(kernel, 18, 4, uRef).u;
    }
    weightsOf(layer)[2].forEach((a, i) => expect(a).toBeCloseTo(uRef[i], 5));
    x.dispose();
  });
});

describe('SN layers in models', () => {
  const critic = () =>
    tfl.sequential({
      layers: [
        new SpectralNormConv2D({ filters: 2, kernelSize: 3, strides: 2, seed: 1, inputShape: [4, 4, 1] }),
        tfl.layers.flatten(),
        new SpectralNormDense({ units: 1, seed: 2, powerIterations: 2 }),
      ],
    });

  test('save / load round trip gives identical outputs, u and config', async () => {
    const model = critic();
    const x = tf.randomNormal([3, 4, 4, 1], 0, 1, 'float32', 4);
    for (let i = 0; i < 3; i++) tf.dispose(model.apply(x, { training: true }) as tf.Tensor); // move u off its init
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(artifacts!));
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(['SpectralNormConv2D', 'Flatten', 'SpectralNormDense']);
    expect(loaded.layers[0].getConfig()).toEqual(model.layers[0].getConfig());
    for (const training of [false, true, true]) {
      const [a, b] = [model.apply(x, { training }) as tf.Tensor, loaded.apply(x, { training }) as tf.Tensor];
      expect(values(b)).toEqual(values(a));
      tf.dispose([a, b]);
    }
    expect(loaded.getWeights().map(values)).toEqual(model.getWeights().map(values));
    tf.dispose(x);
    model.dispose();
    loaded.dispose();
  });

  test('trains inside optimizer.minimize with a nested gradient (penalty); no leaks after warm-up', () => {
    const model = critic();
    const x = tf.randomNormal([3, 4, 4, 1], 0, 1, 'float32', 4);
    const opt = tf.train.adam(1e-2);
    const step = () =>
      opt.minimize(() => {
        const gx = tf.grad((xx: tf.Tensor) => tf.sum(model.apply(xx, { training: true }) as tf.Tensor))(x);
        return tf.add(tf.mean(model.apply(x, { training: true }) as tf.Tensor), tf.mean(tf.square(gx))) as tf.Scalar;
      }, true) as tf.Scalar;
    const first = step(); // creates Adam's slots
    const kernel0 = values(model.layers[0].getWeights()[0]);
    const before = tf.memory().numTensors;
    const loss = step();
    expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
    expect(values(model.layers[0].getWeights()[0])).not.toEqual(kernel0); // the kernel learned
    tf.dispose(loss);
    expect(tf.memory().numTensors).toBe(before);
    const sigmas = [0, 2].map((i) => (model.layers[i] as SpectralNormDense).sigma());
    expect(sigmas.every((s) => Number.isFinite(s) && s > 0)).toBe(true);
    tf.dispose([first, x]);
    model.dispose();
  });

  test('leaks no tensors: apply (training or not), sigma(); dispose frees every weight', () => {
    const before = tf.memory().numTensors;
    const model = critic();
    const x = tf.randomNormal([2, 4, 4, 1], 0, 1, 'float32', 5);
    const during = tf.memory().numTensors;
    tf.dispose([model.apply(x, { training: true }) as tf.Tensor, model.predict(x) as tf.Tensor]);
    (model.layers[0] as SpectralNormConv2D).sigma();
    expect(tf.memory().numTensors).toBe(during);
    model.dispose();
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('sigma() before any call is the one-step estimate; throws before the layer is built', () => {
    const layer = new SpectralNormDense({ units: 2, seed: 4 });
    expect(() => layer.sigma()).toThrow(/before the layer is built/);
    layer.build([null, 3]);
    const [kernel, , u] = weightsOf(layer);
    expect(layer.sigma()).toBeCloseTo(powerStep(kernel, 3, 2, u).sigma, 5); // float64 one step
    expect(weightsOf(layer)[2]).toEqual(u);
  });
});
