import * as tf from '@tensorflow/tfjs-core';
import { input, model as makeModel } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, expectNoLeak, useCpu, values } from '@stablegen/backend/testing';
import { FadeIn, fadeIn } from './fade-in.js';

beforeAll(useCpu);

describe('fadeIn', () => {
  const a = values(6, 1);
  const b = values(6, 2);

  it('basic: (1 - alpha) * old + alpha * new, computed in float64', () => {
    const y = fadeIn(tf.tensor1d(a), tf.tensor1d(b), 0.3);
    expectClose(y.dataSync(), a.map((v, i) => 0.7 * v + 0.3 * b[i]), 1e-6);
  });

  it('alpha 0 gives old exactly, alpha 1 gives new exactly', () => {
    expectClose(fadeIn(tf.tensor1d(a), tf.tensor1d(b), 0).dataSync(), Float32Array.from(a), 0);
    expectClose(fadeIn(tf.tensor1d(a), tf.tensor1d(b), 1).dataSync(), Float32Array.from(b), 0);
  });

  it('throws when alpha is outside [0, 1]', () => {
    expect(() => fadeIn(tf.tensor1d(a), tf.tensor1d(b), 1.5)).toThrow(/alpha/);
    expect(() => new FadeIn({ alpha: -0.1 })).toThrow(/alpha/);
    expect(() => {
      new FadeIn().alpha = Number.NaN;
    }).toThrow(/alpha/);
  });

  it('layer: alpha set between calls changes the output without rebuilding; no leaks', () => {
    const [x1, x2] = [input({ shape: [3] }), input({ shape: [3] })];
    const layer = new FadeIn({ alpha: 0 });
    const m = makeModel({ inputs: [x1, x2], outputs: layer.apply([x1, x2]) as never });
    const [ta, tb] = [tf.tensor2d(a, [2, 3]), tf.tensor2d(b, [2, 3])];
    expectClose((m.predict([ta, tb]) as tf.Tensor).dataSync(), Float32Array.from(a), 0);
    layer.alpha = 0.25;
    expect(layer.alpha).toBe(0.25);
    expectClose((m.predict([ta, tb]) as tf.Tensor).dataSync(), a.map((v, i) => 0.75 * v + 0.25 * b[i]), 1e-6);
    expect(layer.getConfig().alpha).toBe(0.25);
    expectNoLeak(() => m.predict([ta, tb]) as tf.Tensor);
  });
});
