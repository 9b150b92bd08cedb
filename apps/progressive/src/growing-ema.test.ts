import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { ProgressiveGenerator } from '@stablegen/generators';
import { beforeAll, describe, expect, it } from 'vitest';
import { emaDecayAt, trackEma } from './growing-ema.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const values = (t: tf.Tensor) => Array.from(t.dataSync());

describe('trackEma across growth', () => {
  it('carried weights keep their running average, new ones start at their values, the count carries over', () => {
    const g = new ProgressiveGenerator({ widths: [8, 4], latentDim: 4, channels: 1, seed: 3 });
    const first = trackEma(g.model, 0.5);
    const w0 = first.sources[0];
    const start = values(w0);
    w0.assign(tf.add(w0, 2)); // every entry + 2
    first.ema.update(); // ema = 0.5 start + 0.5 (start + 2) = start + 1
    g.grow();
    const next = trackEma(g.model, 0.5, first);
    const i = next.sources.indexOf(w0);
    expect(i).toBeGreaterThanOrEqual(0); // the dense of stage 0 is still tracked
    values(next.ema.variables[`ema/${i}`]).forEach((v, k) => expect(v).toBeCloseTo(start[k] + 1, 5));
    const fresh = next.sources.findIndex((v) => !first.sources.includes(v));
    expect(fresh).toBeGreaterThanOrEqual(0);
    expect(values(next.ema.variables[`ema/${fresh}`])).toEqual(values(next.sources[fresh]));
    expect(next.ema.steps).toBe(1);
    expect(next.sources).toHaveLength(g.model.trainableWeights.length);
    next.ema.dispose();
    g.dispose();
  });
});

describe('emaDecayAt', () => {
  it('half-life capped at rampup x images: 0.5^(16 / (0.05 x 3200)) = 0.5^0.1; the cap is maxDecay; rampup 0 = constant', () => {
    expect(emaDecayAt(3200, 16, 0.999, 0.05)).toBeCloseTo(0.5 ** 0.1, 12); // 0.933
    expect(emaDecayAt(10_000_000, 16, 0.999, 0.05)).toBe(0.999);
    expect(emaDecayAt(16, 16, 0.999, 0.05)).toBeCloseTo(0.5 ** 20, 12);
    expect(emaDecayAt(16, 16, 0.999, 0)).toBe(0.999);
  });
});
