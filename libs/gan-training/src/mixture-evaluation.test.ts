import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { GRID25, RING8 } from '@stablegen/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMixtureEvaluator, scoreMixture } from './mixture-evaluation.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A generator that ignores z and always outputs `point`: dense with zero kernel and bias = point. */
function constantGenerator(latentDim: number, point: [number, number]): tfl.LayersModel {
  const g = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [latentDim], units: 2 })] });
  tf.tidy(() => g.layers[0].setWeights([tf.zeros([latentDim, 2]), tf.tensor1d(point)]));
  return g;
}

describe('scoreMixture', () => {
  it('all samples on one ring mode: 1 mode, all high quality, reverse KL log 8', () => {
    // p = (1, 0, ..., 0) over 8 modes: KL(p || uniform) = 1 * log(1 / (1/8)) = log 8.
    const pts = Array.from({ length: 100 }, (_, i) => [1 + 0.001 * (i % 3), 0.002]).flat();
    const s = scoreMixture(pts, RING8);
    expect(s.modes).toBe(1);
    expect(s.hq_share).toBe(1);
    expect(s.reverse_kl).toBeCloseTo(Math.log(8), 12);
  });

  it('two samples at every grid mode: 25 modes, HQ 1, reverse KL 0', () => {
    // Within 0.05 = 1 std of each centre (< 3 std): high quality; the histogram is uniform, KL 0.
    const pts = GRID25.centres.flatMap(([x, y]) => [x + 0.05, y, x, y - 0.05]);
    expect(scoreMixture(pts, GRID25)).toEqual({ modes: 25, hq_share: 1, reverse_kl: 0 });
  });

  it('samples 4 std from their mode are not high quality and cover nothing', () => {
    // 4 * 0.01 = 0.04 from mode (1, 0) along x: d = 4 > 3. Half the samples at mode 0 exactly.
    const far = [1.04, 0, 0.96, 0];
    const s = scoreMixture([...far, 1, 0, 1, 0], RING8);
    expect(s.modes).toBe(1);
    expect(s.hq_share).toBe(0.5);
    expect(scoreMixture(far, RING8).modes).toBe(0);
  });
});

describe('createMixtureEvaluator', () => {
  it('basic: scores the generator on n fixed-latent samples and leaks no tensors', () => {
    const g = constantGenerator(3, [0, 1]); // every point at mode 2 of the ring, (0, 1)
    const ev = createMixtureEvaluator(RING8, 40, 3, 7);
    const before = tf.memory().numTensors;
    const pts = ev.points(g);
    expect(pts).toHaveLength(80);
    expect(ev.evaluate(g)).toEqual({ modes: 1, hq_share: 1, reverse_kl: scoreMixture([0, 1], RING8).reverse_kl });
    expect(tf.memory().numTensors).toBe(before);
    ev.dispose();
    g.dispose();
  });

  it('the latent batch depends on the seed alone', () => {
    const g = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [2], units: 2, kernelInitializer: 'identity' })] });
    const [a, b, c] = [7, 7, 8].map((seed) => createMixtureEvaluator(RING8, 10, 2, seed));
    expect(Array.from(a.points(g))).toEqual(Array.from(b.points(g)));
    expect(Array.from(a.points(g))).not.toEqual(Array.from(c.points(g)));
    [a, b, c].forEach((e) => e.dispose());
    g.dispose();
  });

  it('throws when the generator does not output 2-D points', () => {
    const g = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [2], units: 3 })] });
    const ev = createMixtureEvaluator(RING8, 5, 2, 1);
    expect(() => ev.evaluate(g)).toThrow(/\[n, 2\].*\[5, 3\]/);
    ev.dispose();
    g.dispose();
  });
});
