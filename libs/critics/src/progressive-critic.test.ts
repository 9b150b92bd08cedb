import * as tf from '@tensorflow/tfjs-core';
import type { layers } from '@tensorflow/tfjs-layers';
import { avgDownsample, cloneLayersModel, MinibatchStdDev } from '@stablegen/layers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkPenaltyGradient } from '../test/double-backprop.js';
import { expectClose, expectNoLeak, useCpu, values } from '@stablegen/backend/testing';
import { ProgressiveCritic } from './progressive-critic.js';
import { heWeightLayers } from './weight-layers.js';
import { recordingWeights } from '../test/recording-weights.js';
import { createRng } from '@stablegen/random';

beforeAll(useCpu);

const make = (seed = 1, extra: Partial<ConstructorParameters<typeof ProgressiveCritic>[0]> = {}) =>
  new ProgressiveCritic({ widths: [8, 4, 4], channels: 3, seed, ...extra } as ConstructorParameters<typeof ProgressiveCritic>[0]);
const images = (side: number, n = 3) => tf.tensor4d(values(n * side * side * 3, side), [n, side, side, 3]);
const conv = (k: number, cIn: number, cOut: number): number => k * k * cIn * cOut + cOut;
const run = (chain: layers.Layer[], x: tf.Tensor): tf.Tensor => chain.reduce((h, l) => l.apply(h) as tf.Tensor, x);
const snapshot = (ls: layers.Layer[]) => ls.flatMap((l) => l.getWeights().map((w) => Array.from(w.dataSync())));

describe('ProgressiveCritic', () => {
  it('stage 0: [b, 4, 4, 3] -> [b, 1]; minibatch stddev adds one map (8 -> 9); parameters by hand', () => {
    const d = make();
    expect(d.model.outputs[0].shape).toEqual([null, 1]);
    const mbstd = d.blocks[0].find((l) => l instanceof MinibatchStdDev) as MinibatchStdDev;
    expect(mbstd.outputShape).toEqual([null, 4, 4, 9]);
    // fromRGB 1x1 3 -> 8; conv 3x3 9 -> 8; dense 128 -> 8; dense 8 -> 1
    expect(d.model.countParams()).toBe(conv(1, 3, 8) + conv(3, 9, 8) + 128 * 8 + 8 + 8 + 1);
    expect((d.model.predict(images(4)) as tf.Tensor).shape).toEqual([3, 1]);
  });

  it('grow: 8x8 then 16x16; parameters by hand (the retired fromRGB drops out)', () => {
    const d = make();
    const stage0 = conv(3, 9, 8) + 128 * 8 + 8 + 8 + 1;
    d.grow();
    expect([d.stage, d.resolution, d.alpha]).toEqual([1, 8, 0]);
    const block1 = conv(3, 4, 4) + conv(3, 4, 8); // 4 -> 4, then 4 -> widths[0] = 8
    expect(d.model.countParams()).toBe(stage0 + conv(1, 3, 8) + conv(1, 3, 4) + block1);
    d.grow();
    expect(d.model.inputs[0].shape).toEqual([null, 16, 16, 3]);
    expect(d.model.countParams()).toBe(stage0 + block1 + conv(1, 3, 4) + conv(1, 3, 4) + 2 * conv(3, 4, 4));
    expect(() => d.grow()).toThrow(/last stage/);
  });

  it('alpha = 0 right after growing: equals the previous critic on the 2x2-average-downsampled input', () => {
    const d = make(2);
    const x8 = images(8);
    const before = d.model.predict(avgDownsample(x8)) as tf.Tensor;
    d.grow();
    expectClose((d.model.predict(x8) as tf.Tensor).dataSync(), before.dataSync(), 1e-5);
    d.alpha = 1;
    const x16 = images(16);
    const before16 = d.model.predict(avgDownsample(x16)) as tf.Tensor;
    d.alpha = 0.6;
    d.grow();
    expectClose((d.model.predict(x16) as tf.Tensor).dataSync(), before16.dataSync(), 1e-5);
  });

  it('alpha = 1: only the new input path contributes; in between, a linear blend of features', () => {
    const d = make(3);
    d.grow();
    const x = images(8);
    const newPath = run(d.blocks[1], run(d.fromRGB[1], x)); // [3, 4, 4, 8]
    const oldPath = run(d.fromRGB[0], avgDownsample(x)); // [3, 4, 4, 8]
    d.alpha = 1;
    expectClose((d.model.predict(x) as tf.Tensor).dataSync(), run(d.blocks[0], newPath).dataSync(), 1e-5);
    d.alpha = 0.3;
    const blended = tf.add(tf.mul(oldPath, 0.7), tf.mul(newPath, 0.3));
    expectClose((d.model.predict(x) as tf.Tensor).dataSync(), run(d.blocks[0], blended).dataSync(), 1e-5);
  });

  it('weights carry over when growing: same variables, same values', () => {
    const d = make(4);
    const old = [...d.blocks[0], ...d.fromRGB[0]];
    const before = snapshot(old);
    const variables = d.model.weights;
    d.grow();
    expect(snapshot(old)).toEqual(before);
    for (const v of variables) expect(d.model.weights).toContain(v);
  });

  it('normalisation: batch warns through the logger; layer adds gamma + beta; custom weights + equalised throws', () => {
    const logger = { warn: vi.fn() };
    make(1, { normalization: 'batch', logger });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    const plain = make(1).model.countParams();
    expect(make(1, { normalization: 'layer', logger }).model.countParams()).toBe(plain + 2 * 8); // one norm (8 ch) in the final block
    expect(logger.warn).toHaveBeenCalledTimes(1);
    const custom = heWeightLayers(createRng(1), false);
    expect(() => make(1, { weightLayers: custom, equalizedLR: true })).toThrow(/not both/);
    expect(() => {
      make().alpha = 0.5;
    }).toThrow(/stage 0/);
  });

  it('same seed gives identical weights after growing; different seeds differ', () => {
    const w = (seed: number) => {
      const d = make(seed);
      d.grow();
      return d.model.getWeights().map((t) => Array.from(t.dataSync()));
    };
    expect(w(5)).toEqual(w(5));
    expect(w(5)[0]).not.toEqual(w(6)[0]);
  });

  it('save / load round trip of a grown critic gives identical outputs', async () => {
    const d = make(6, { normalization: 'instance' });
    d.grow();
    d.alpha = 0.5;
    const loaded = await cloneLayersModel(d.model);
    const x = images(8);
    expectClose((loaded.predict(x) as tf.Tensor).dataSync(), (d.model.predict(x) as tf.Tensor).dataSync(), 0);
    loaded.dispose();
  });

  it('no leaks: forward passes; growing adds only the new weights and frees the retired fromRGB', () => {
    const baseline = tf.memory().numTensors;
    const d = make(7);
    const [x4, x8, x16] = [images(4), images(8), images(16)];
    expectNoLeak(() => d.model.predict(x4) as tf.Tensor);
    let count = tf.memory().numTensors;
    d.grow(); // + fromRGB_1 and two 3x3 convs (kernel + bias each)
    expect(tf.memory().numTensors - count).toBe(6);
    expectNoLeak(() => d.model.predict(x8) as tf.Tensor);
    count = tf.memory().numTensors;
    d.grow(); // + 6, - fromRGB_0 retired with the previous model
    expect(tf.memory().numTensors - count).toBe(4);
    expectNoLeak(() => d.model.predict(x16) as tf.Tensor);
    d.dispose();
    expect(tf.memory().numTensors).toBe(baseline + 3);
  });

  it('differentiable twice at 8x8 mid-fade (avg-pool, minibatch stddev, equalised convs)', () => {
    const d = make(8, { normalization: 'layer' });
    d.grow();
    d.alpha = 0.5;
    checkPenaltyGradient(d.model, images(8, 2));
  });

  it('every weight layer comes from an injected weightLayers factory (the spectral-norm hook)', () => {
    const rec = recordingWeights(heWeightLayers(createRng(3), false));
    const d = make(1, { weightLayers: rec });
    d.grow();
    // stage 0: final block (conv 3x3, dense 8, dense 1 with gain 1), then fromRGB 1x1;
    // stage 1: the block's two conv 3x3, then fromRGB 1x1
    expect(rec.requests.map((r) => r.kind)).toEqual(['conv', 'dense', 'dense', 'conv', 'conv', 'conv', 'conv']);
    expect(rec.requests[2]).toEqual({ kind: 'dense', request: { units: 1, gain: 1 } });
    const weighted = d.model.layers.filter((l) => l.getWeights().length > 0);
    expect(new Set(weighted)).toEqual(new Set(rec.made));
  });
});
