import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { WeightEma } from './weight-ema.js';
import { expectNoLeak, useCpu } from '../test/helpers.js';

beforeAll(useCpu);

const d = 0.9;
// Weights w_0 (at construction) and w_1..w_3 (after each of three steps), one scalar each.
const W = [2, 4, -1, 3];

/** Sets w to each of w_1..w_3 and updates the average after each. */
function threeSteps(ema: WeightEma, w: tf.Variable): void {
  for (const value of W.slice(1)) {
    w.assign(tf.scalar(value));
    ema.update();
  }
}

describe('WeightEma', () => {
  test('basic: after 3 steps ema = d^3 w0 + (1-d)(d^2 w1 + d w2 + w3)', () => {
    const w = tf.variable(tf.scalar(W[0]));
    const ema = new WeightEma([w], { decay: d });
    threeSteps(ema, w);
    // 0.729*2 + 0.1*(0.81*4 + 0.9*(-1) + 3) = 1.458 + 0.534 = 1.992
    const expected = d ** 3 * W[0] + (1 - d) * (d ** 2 * W[1] + d * W[2] + W[3]);
    expect(expected).toBeCloseTo(1.992, 12);
    const [avg] = ema.averaged();
    expect(avg.dataSync()[0]).toBeCloseTo(expected, 6);
    expect(ema.steps).toBe(3);
  });

  test('bias correction: ema_3 / (1 - d^3) = (d^2 w1 + d w2 + w3) / (d^2 + d + 1), and w itself before any step', () => {
    const w = tf.variable(tf.scalar(W[0]));
    const ema = new WeightEma([w], { decay: d, biasCorrection: true });
    expect(ema.averaged()[0].dataSync()[0]).toBe(W[0]);
    threeSteps(ema, w);
    // (1-d)(d^2 w1 + d w2 + w3) / (1 - d^3) = (d^2 w1 + d w2 + w3) / (1 + d + d^2) = 5.34 / 2.71
    const expected = (d ** 2 * W[1] + d * W[2] + W[3]) / (1 + d + d ** 2);
    expect(ema.averaged()[0].dataSync()[0]).toBeCloseTo(expected, 6);
  });

  test('update(decay) uses that step\'s decay: 0.5 then the default 0.9 gives 0.9 (0.5 w0 + 0.5 w1) + 0.1 w2', () => {
    const w = tf.variable(tf.scalar(W[0]));
    const ema = new WeightEma([w], { decay: d });
    w.assign(tf.scalar(W[1]));
    ema.update(0.5); // 0.5 * 2 + 0.5 * 4 = 3
    w.assign(tf.scalar(W[2]));
    ema.update(); // 0.9 * 3 + 0.1 * (-1) = 2.6
    expect(ema.averaged()[0].dataSync()[0]).toBeCloseTo(2.6, 6);
    expect(() => ema.update(1)).toThrow(/decay must be in \[0, 1\)/);
  });

  test('tracks a LayersModel: copyTo writes the average, withEmaWeights swaps it in and back', async () => {
    const model = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [2], units: 1 })] });
    const raw0 = model.getWeights().map((t) => Array.from(t.dataSync()));
    const ema = new WeightEma(model, { decay: 0.5 });
    model.setWeights([tf.tensor2d([[1], [1]]), tf.tensor1d([1])]);
    ema.update(); // ema = 0.5 raw0 + 0.5 * 1
    const expected = raw0.map((w) => w.map((x) => 0.5 * x + 0.5));
    const x = tf.tensor2d([[2, 3]]);
    const seen = await ema.withEmaWeights(model, () => Array.from((model.predict(x) as tf.Tensor).dataSync()));
    expect(seen[0]).toBeCloseTo(2 * expected[0][0] + 3 * expected[0][1] + expected[1][0], 5);
    expect(model.getWeights().map((t) => Array.from(t.dataSync()))).toEqual([[1, 1], [1]]); // raw weights back
    const copy = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [2], units: 1 })] });
    ema.copyTo(copy);
    copy.getWeights().forEach((t, i) => Array.from(t.dataSync()).forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 6)));
  });

  test('withEmaWeights restores the raw weights when fn throws', async () => {
    const w = tf.variable(tf.scalar(1));
    const ema = new WeightEma([w], { decay: 0.5 });
    w.assign(tf.scalar(3));
    ema.update(); // 2
    await expect(ema.withEmaWeights([w], () => { throw new Error(`saw ${w.dataSync()[0]}`); })).rejects.toThrow('saw 2');
    expect(w.dataSync()[0]).toBe(3);
  });

  test('variables hold the state: assigning them to a fresh EMA reproduces the average (checkpoint round trip)', () => {
    const w = tf.variable(tf.scalar(W[0]));
    const ema = new WeightEma([w], { decay: d, biasCorrection: true, name: 'g_ema' });
    threeSteps(ema, w);
    expect(Object.keys(ema.variables)).toEqual(['g_ema/0', 'g_ema/count']);
    expect(Object.values(ema.variables).every((v) => !v.trainable)).toBe(true);
    const fresh = new WeightEma([w], { decay: d, biasCorrection: true, name: 'g_ema' });
    for (const [k, v] of Object.entries(ema.variables)) fresh.variables[k].assign(v);
    expect(fresh.averaged()[0].dataSync()[0]).toBeCloseTo(ema.averaged()[0].dataSync()[0], 6);
  });

  test('throws when decay is out of range or the target does not fit', () => {
    const w = tf.variable(tf.ones([2]));
    expect(() => new WeightEma([w], { decay: 1 })).toThrow(/decay must be in \[0, 1\), got 1/);
    const ema = new WeightEma([w], { decay: 0.9 });
    expect(() => ema.copyTo([tf.variable(tf.ones([3]))])).toThrow(/weight 0 has shape \[3\], the average \[2\]/);
    expect(() => ema.copyTo([w, tf.variable(tf.ones([2]))])).toThrow(/target has 2 weights, the average 1/);
  });

  test('no leaked tensors: update, averaged, copyTo, withEmaWeights; dispose frees the state', async () => {
    const model = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [3], units: 2 })] });
    const before = tf.memory().numTensors;
    const ema = new WeightEma(model, { decay: 0.99, biasCorrection: true });
    expect(tf.memory().numTensors).toBe(before + 3); // two averages + the count
    await expectNoLeak(() => ema.update());
    await expectNoLeak(() => ema.averaged());
    await expectNoLeak(() => ema.copyTo(model));
    await expectNoLeak(() => ema.withEmaWeights(model, () => undefined));
    ema.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
