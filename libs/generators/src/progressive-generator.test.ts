import * as tf from '@tensorflow/tfjs-core';
import type { layers } from '@tensorflow/tfjs-layers';
import { cloneLayersModel, EqualizedConv2D, EqualizedDense, nearestUpsample } from '@stablegen/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, expectNoLeak, useCpu, values } from '@stablegen/backend/testing';
import { ProgressiveGenerator } from './progressive-generator.js';

beforeAll(useCpu);

const LATENT = 16;
const make = (seed = 1, equalizedLR = true) =>
  new ProgressiveGenerator({ latentDim: LATENT, widths: [8, 4, 4], channels: 3, equalizedLR, seed });
const latent = (n = 3) => tf.tensor2d(values(n * LATENT, 77), [n, LATENT]);

/** Eagerly applies layer lists in order (the independent path through the exposed layers). */
function applyEager(chains: layers.Layer[][], x: tf.Tensor): tf.Tensor {
  return chains.flat().reduce((h, layer) => layer.apply(h) as tf.Tensor, x);
}

const snapshot = (ls: layers.Layer[]) => ls.flatMap((l) => l.getWeights().map((w) => Array.from(w.dataSync())));

/** conv k x k cIn -> cOut with bias. */
const conv = (k: number, cIn: number, cOut: number): number => k * k * cIn * cOut + cOut;

describe('ProgressiveGenerator', () => {
  it('stage 0: 4x4 output; parameters counted by hand', () => {
    const g = make();
    expect([g.stage, g.resolution, g.alpha]).toEqual([0, 4, 1]);
    expect(g.model.outputs[0].shape).toEqual([null, 4, 4, 3]);
    // dense 16 -> 4*4*8 (+bias), conv 3x3 8 -> 8, toRGB 1x1 8 -> 3
    expect(g.model.countParams()).toBe(LATENT * 128 + 128 + conv(3, 8, 8) + conv(1, 8, 3));
    expect((g.model.predict(latent()) as tf.Tensor).shape).toEqual([3, 4, 4, 3]);
  });

  it('grow: 8x8 then 16x16; parameters counted by hand (the retired toRGB drops out)', () => {
    const g = make();
    g.grow();
    expect([g.stage, g.resolution, g.alpha]).toEqual([1, 8, 0]);
    const stage0 = LATENT * 128 + 128 + conv(3, 8, 8);
    // up block 8 -> 4 -> 4 (two 3x3 convs), toRGB_0 (old path) and toRGB_1 (new path)
    expect(g.model.countParams()).toBe(stage0 + conv(3, 8, 4) + conv(3, 4, 4) + conv(1, 8, 3) + conv(1, 4, 3));
    g.grow();
    expect(g.model.outputs[0].shape).toEqual([null, 16, 16, 3]);
    const stage1 = conv(3, 8, 4) + conv(3, 4, 4);
    expect(g.model.countParams()).toBe(stage0 + stage1 + 2 * conv(3, 4, 4) + conv(1, 4, 3) + conv(1, 4, 3));
    expect(g.canGrow).toBe(false);
    expect(() => g.grow()).toThrow(/last stage/);
  });

  it('alpha = 0 right after growing: output = nearest-upsampled output of the previous phase', () => {
    const g = make(2);
    const z = latent();
    const before = g.model.predict(z) as tf.Tensor; // [3, 4, 4, 3]
    g.grow();
    expectClose((g.model.predict(z) as tf.Tensor).dataSync(), nearestUpsample(before).dataSync(), 1e-5);
    // second growth: the old path is the previous stage's own toRGB, i.e. the previous model at
    // alpha 1, whatever alpha the previous fade was left at
    g.alpha = 1;
    const atOne = g.model.predict(z) as tf.Tensor; // [3, 8, 8, 3]
    g.alpha = 0.3;
    g.grow();
    expectClose((g.model.predict(z) as tf.Tensor).dataSync(), nearestUpsample(atOne).dataSync(), 1e-5);
  });

  it('alpha = 1: only the new path contributes, output = toRGB_new(features)', () => {
    const g = make(3);
    g.grow();
    g.alpha = 1;
    const z = latent();
    const expected = g.toRGB[1].apply(applyEager(g.blocks, z)) as tf.Tensor;
    expectClose((g.model.predict(z) as tf.Tensor).dataSync(), expected.dataSync(), 1e-5);
  });

  it('alpha in between blends the two paths linearly; set without rebuilding', () => {
    const g = make(4);
    const z = latent(2);
    const old = nearestUpsample(g.model.predict(z) as tf.Tensor);
    const model = g.grow();
    g.alpha = 1;
    const fresh = model.predict(z) as tf.Tensor;
    g.alpha = 0.25;
    expect(g.model).toBe(model);
    const mixed = tf.add(tf.mul(old, 0.75), tf.mul(fresh, 0.25)); // (1 - a) old + a new
    expectClose((model.predict(z) as tf.Tensor).dataSync(), mixed.dataSync(), 1e-5);
    expect(() => {
      g.alpha = 2;
    }).toThrow(/alpha/);
  });

  it('weights carry over when growing: same variables, same values', () => {
    const g = make(5);
    const oldLayers = [...g.blocks[0], g.toRGB[0]];
    const before = snapshot(oldLayers);
    const variables = g.model.weights;
    g.grow();
    expect(snapshot(oldLayers)).toEqual(before);
    for (const v of variables) expect(g.model.weights).toContain(v);
  });

  it('equalised LR: N(0, 1) weights scaled at run time by sqrt(gain / fanIn); plain layers when off', () => {
    const g = make(6);
    const dense = g.blocks[0].find((l) => l instanceof EqualizedDense) as EqualizedDense;
    expect(dense.scale).toBeCloseTo(Math.sqrt(2 / 16 / LATENT), 12); // gain 2/16 = (sqrt(2) / 4)^2
    const convs = g.blocks[0].filter((l) => l instanceof EqualizedConv2D) as EqualizedConv2D[];
    expect(convs[0].scale).toBeCloseTo(Math.sqrt(2 / (9 * 8)), 12); // He: 3x3 x 8 inputs
    const plain = make(6, false);
    expect(plain.blocks[0].map((l) => l.getClassName())).toContain('Conv2D');
    expect(plain.blocks[0].some((l) => l instanceof EqualizedConv2D)).toBe(false);
  });

  it('throws at stage 0 when alpha is set, and on bad widths or a missing seed', () => {
    expect(() => {
      make().alpha = 0.5;
    }).toThrow(/stage 0/);
    expect(() => new ProgressiveGenerator({ widths: [], seed: 1 })).toThrow(/widths/);
    expect(() => new ProgressiveGenerator({ widths: [4] } as never)).toThrow(/seed/);
  });

  it('same seed gives identical weights after growing; different seeds differ', () => {
    const weights = (seed: number) => {
      const g = make(seed);
      g.grow();
      return g.model.getWeights().map((w) => Array.from(w.dataSync()));
    };
    expect(weights(7)).toEqual(weights(7));
    expect(weights(7)[0]).not.toEqual(weights(8)[0]);
  });

  it('save / load round trip of a grown model (custom layers, alpha) gives identical outputs', async () => {
    const g = make(9);
    g.grow();
    g.alpha = 0.4;
    const loaded = await cloneLayersModel(g.model);
    const z = latent();
    expectClose((loaded.predict(z) as tf.Tensor).dataSync(), (g.model.predict(z) as tf.Tensor).dataSync(), 0);
    loaded.dispose();
  });

  it('no leaks: forward passes; growing adds only the new weights and frees the retired toRGB', () => {
    const baseline = tf.memory().numTensors;
    const g = make(10);
    const z = latent();
    expectNoLeak(() => g.model.predict(z) as tf.Tensor);
    let count = tf.memory().numTensors;
    g.grow(); // + two 3x3 convs and toRGB_1 (kernel + bias each)
    expect(tf.memory().numTensors - count).toBe(6);
    expectNoLeak(() => g.model.predict(z) as tf.Tensor);
    count = tf.memory().numTensors;
    g.grow(); // + 6 new weights, - toRGB_0 (kernel + bias) retired with the previous model
    expect(tf.memory().numTensors - count).toBe(4);
    expectNoLeak(() => g.model.predict(z) as tf.Tensor);
    g.dispose();
    expect(tf.memory().numTensors).toBe(baseline + 1); // z
  });
});
