import * as tf from '@tensorflow/tfjs-core';
import { input, layers, model as makeModel } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, useCpu, values } from '@stablegen/backend/testing';
import { AvgDownsample, EqualizedConv2D, EqualizedDense, FadeIn, InstanceNorm, LayerNorm, MinibatchStdDev, NearestUpsample, PixelNorm, cloneLayersModel, saveToArtifacts } from './index.js';

beforeAll(useCpu);

/** A small model that uses every custom layer once. */
function everyLayerModel() {
  const x = input({ shape: [4, 4, 2] });
  const up = new NearestUpsample().apply(x);
  const conv = new EqualizedConv2D({ filters: 3, kernelSize: 3, seed: 1 }).apply(up);
  const down = new AvgDownsample().apply(conv);
  const side = new EqualizedConv2D({ filters: 3, kernelSize: 1, gain: 1, seed: 2 }).apply(x);
  const mixed = new FadeIn({ alpha: 0.3 }).apply([side, down] as never);
  const normed = new InstanceNorm().apply(new LayerNorm().apply(new PixelNorm().apply(mixed)));
  const stats = new MinibatchStdDev().apply(normed);
  const flat = layers.flatten().apply(stats);
  const out = new EqualizedDense({ units: 2, seed: 3 }).apply(flat);
  return makeModel({ inputs: x, outputs: out as never });
}

describe('serialisation', () => {
  it('every custom layer round-trips through save / loadLayersModel with identical outputs', async () => {
    const m = everyLayerModel();
    const x = tf.tensor4d(values(3 * 32, 9), [3, 4, 4, 2]);
    const loaded = await cloneLayersModel(m);
    const names = loaded.layers.map((l) => l.getClassName());
    for (const cls of ['NearestUpsample', 'EqualizedConv2D', 'AvgDownsample', 'FadeIn', 'PixelNorm', 'LayerNorm', 'InstanceNorm', 'MinibatchStdDev', 'EqualizedDense']) {
      expect(names).toContain(cls);
    }
    expect((loaded.layers.find((l) => l instanceof FadeIn) as FadeIn).alpha).toBe(0.3);
    expect(loaded.countParams()).toBe(m.countParams());
    expectClose((loaded.predict(x) as tf.Tensor).dataSync(), (m.predict(x) as tf.Tensor).dataSync(), 0);
    loaded.dispose();
  });

  it('saveToArtifacts gives a topology and one weight spec per weight', async () => {
    const m = everyLayerModel();
    const art = await saveToArtifacts(m);
    expect(art.weightSpecs?.length).toBe(m.weights.length);
    expect(JSON.stringify(art.modelTopology)).toContain('EqualizedConv2D');
  });
});
