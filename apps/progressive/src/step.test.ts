/**
 * The step's wiring on a tiny 8x8 run (cpu backend): it follows the schedule (resolution, alpha),
 * grows with weights carried over, resets Adam at every segment, updates the EMA, and leaks no
 * tensors within a segment or across an optimiser reset.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@stablegen/random';
import { describe, expect, it } from 'vitest';
import { tinyConfig, useTinyImages } from '../test/fixtures.js';
import { nearestUpsample } from '@stablegen/layers';
import { buildProgressiveModels, disposeProgressiveModels, type ProgressiveModels, syncPhase } from './models.js';
import { phaseOfStep } from './phases.js';
import { progressiveStep } from './step.js';

const images = useTinyImages('progressive-step-');

const iterations = async (opt: tf.Optimizer) => {
  const w = await opt.getWeights();
  const n = w.length > 0 ? w[0].tensor.dataSync()[0] : 0;
  w.forEach((x) => !(x.tensor instanceof tf.Variable) && x.tensor.dispose());
  return n;
};

describe('progressiveStep', () => {
  it('follows the schedule: 4x4 for steps 1-4, fade-in 5-8 (alpha by images), 8x8 stable 9-12; losses finite', async () => {
    const config = tinyConfig(images.folder());
    const m = await buildProgressiveModels(config, createRng(1));
    const rng = createRng(2);
    const seen = [];
    for (let step = 1; step <= 12; step++) {
      const out = progressiveStep(m, config, step, rng);
      seen.push([out.resolution, out.alpha]);
      for (const v of Object.values(out)) expect(Number.isFinite(v)).toBe(true);
    }
    expect(seen).toEqual([[4, 1], [4, 1], [4, 1], [4, 1], [8, 0], [8, 0.25], [8, 0.5], [8, 0.75], [8, 1], [8, 1], [8, 1], [8, 1]]);
    expect(m.generator.alpha).toBe(1);
    expect(m.critic.stage).toBe(1);
    disposeProgressiveModels(m);
  });

  it('growing keeps the trained weights; Adam restarts at each segment; the EMA counts every step', async () => {
    const config = tinyConfig(images.folder());
    const m: ProgressiveModels = await buildProgressiveModels(config, createRng(1));
    const rng = createRng(2);
    for (let step = 1; step <= 4; step++) progressiveStep(m, config, step, rng);
    const dense = m.generator.model.trainableWeights[0].read();
    const trained = Array.from(dense.dataSync());
    const oldOpt = m.optG;
    expect(await iterations(m.optG)).toBe(4);
    progressiveStep(m, config, 5, rng); // grows, alpha 0
    expect(m.generator.stage).toBe(1);
    expect(m.generator.model.trainableWeights[0].read()).toBe(dense); // same variable ...
    expect(m.optG).not.toBe(oldOpt); // ... a fresh optimiser, one step old
    expect(await iterations(m.optG)).toBe(1);
    expect(Array.from(dense.dataSync())).not.toEqual(trained); // and it trains on
    for (let step = 6; step <= 9; step++) progressiveStep(m, config, step, rng); // step 9 starts the stabilisation
    expect(await iterations(m.optG)).toBe(1);
    expect(await iterations(m.optD)).toBe(1);
    expect(m.ema.ema.steps).toBe(9);
    disposeProgressiveModels(m);
  });

  it('leak-free: tensor count flat over steps within a segment and across an optimiser reset', async () => {
    const config = tinyConfig(images.folder());
    const m = await buildProgressiveModels(config, createRng(1));
    const rng = createRng(2);
    for (let step = 1; step <= 6; step++) progressiveStep(m, config, step, rng); // grown, slots made
    const before = tf.memory().numTensors;
    progressiveStep(m, config, 7, rng);
    progressiveStep(m, config, 8, rng);
    expect(tf.memory().numTensors).toBe(before);
    progressiveStep(m, config, 9, rng); // new segment: fresh Adam, same number of slots
    progressiveStep(m, config, 10, rng);
    expect(tf.memory().numTensors).toBe(before);
    disposeProgressiveModels(m);
  });

  it('baseline: the final resolution at alpha 1 from step 1', async () => {
    const config = tinyConfig(images.folder(), { baseline: true });
    const m = await buildProgressiveModels(config, createRng(1));
    const out = progressiveStep(m, config, 1, createRng(2));
    expect([out.resolution, out.alpha]).toEqual([8, 1]);
    disposeProgressiveModels(m);
  });

  it('--identity-growth: after 4 trained steps the grown generator still gives the 4x4 output, upsampled; without it, not', async () => {
    const grownAgainst = async (identityGrowth: boolean) => {
      const config = tinyConfig(images.folder(), { widths: '4,8', identityGrowth });
      const m = await buildProgressiveModels(config, createRng(1));
      const rng = createRng(2);
      for (let step = 1; step <= 4; step++) progressiveStep(m, config, step, rng);
      const before = nearestUpsample(m.generator.model.predict(m.zGrid) as tf.Tensor); // [4, 8, 8, 1]
      syncPhase(m, phaseOfStep(m.schedule, 5, config.batchSize), config); // grows, alpha 0
      m.generator.alpha = 1;
      const diff = tf.max(tf.abs(tf.sub(m.generator.model.predict(m.zGrid) as tf.Tensor, before))).dataSync()[0];
      disposeProgressiveModels(m);
      return diff;
    };
    expect(await grownAgainst(true)).toBeLessThan(1e-5);
    expect(await grownAgainst(false)).toBeGreaterThan(0.05);
  });
});

