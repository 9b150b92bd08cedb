import * as tf from '@tensorflow/tfjs-core';
import { cloneLayersModel } from '@stablegen/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, expectNoLeak, useCpu, values } from '@stablegen/backend/testing';
import { buildMlpGenerator } from './mlp-generator.js';

beforeAll(useCpu);

/** Plain-JS forward pass: ReLU(x W + b) per hidden layer, linear last layer (weights as [in, out]). */
function mlpRef(x: number[], batch: number, weights: Float32Array[]): number[] {
  let h = x;
  let width = x.length / batch;
  for (let l = 0; l < weights.length; l += 2) {
    const [w, b] = [weights[l], weights[l + 1]];
    const out = b.length;
    const next: number[] = [];
    for (let r = 0; r < batch; r++) {
      for (let o = 0; o < out; o++) {
        let s = b[o];
        for (let i = 0; i < width; i++) s += h[r * width + i] * w[i * out + o];
        next.push(l + 2 < weights.length ? Math.max(0, s) : s);
      }
    }
    h = next;
    width = out;
  }
  return h;
}

describe('buildMlpGenerator', () => {
  it('default: 2 -> 128 -> 128 -> 128 -> 2; parameters counted by hand', () => {
    const g = buildMlpGenerator({ seed: 1 });
    expect(g.outputs[0].shape).toEqual([null, 2]);
    expect(g.countParams()).toBe(2 * 128 + 128 + 2 * (128 * 128 + 128) + 128 * 2 + 2);
  });

  it('basic: output equals a plain-JS ReLU MLP with the same weights', () => {
    const g = buildMlpGenerator({ latentDim: 3, hidden: [5, 4], outputDim: 2, seed: 2 });
    // non-zero biases so they are exercised
    g.setWeights(g.getWeights().map((w, i) => (i % 2 === 1 ? tf.tensor1d(values(w.size, 50 + i)) : w)));
    const z = values(4 * 3, 8);
    const expected = mlpRef(z, 4, g.getWeights().map((w) => w.dataSync() as Float32Array));
    expectClose((g.predict(tf.tensor2d(z, [4, 3])) as tf.Tensor).dataSync(), expected, 1e-5);
  });

  it('same seed gives identical weights; different seeds differ', () => {
    const w = (seed: number) => Array.from(buildMlpGenerator({ hidden: [4], seed }).getWeights()[0].dataSync());
    expect(w(5)).toEqual(w(5));
    expect(w(5)).not.toEqual(w(6));
  });

  it('save / load round trip gives identical outputs; forward pass does not leak', async () => {
    const g = buildMlpGenerator({ hidden: [8, 8], seed: 3 });
    const z = tf.tensor2d(values(10, 2), [5, 2]);
    const loaded = await cloneLayersModel(g);
    expectClose((loaded.predict(z) as tf.Tensor).dataSync(), (g.predict(z) as tf.Tensor).dataSync(), 0);
    expectNoLeak(() => g.predict(z) as tf.Tensor);
  });
});
