import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { registerGradientFixes } from '@stablegen/gradient-fixes';
import { createRng } from '@stablegen/random';
import { beforeAll, describe, expect, it } from 'vitest';
import { wganGpSchema } from './config.js';
import { wganGpRecipe } from './recipe.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerGradientFixes();
});

describe('learning-rate schedule', () => {
  it('the ring8 / grid25 presets\' linear decay is the reference code\'s lr_t = lr (1 - (t - 1) / T), also through the old lrDecay key', async () => {
    for (const flags of [{ lrSchedule: 'linear' }, { lrDecay: 'linear' }]) {
      const config = Object.freeze(wganGpSchema.parse({ dataset: 'ring8', latentDim: 2, mlpWidth: 8, mlpDepth: 2, evalSamples: 40, steps: 4, lrD: 0.1, lrG: 0.2, ...flags }));
      const m = await wganGpRecipe.build(config, createRng(1));
      const rates = [1, 2, 3, 4].map((t) => m.lrSchedule(m, t));
      rates.forEach((r, i) => {
        expect(r['lr/d']).toBeCloseTo(0.1 * [1, 0.75, 0.5, 0.25][i], 12);
        expect(r['lr/g']).toBeCloseTo(0.2 * [1, 0.75, 0.5, 0.25][i], 12);
      });
      expect((m.optD as unknown as { learningRate: number }).learningRate).toBeCloseTo(0.025, 12);
      wganGpRecipe.dispose!(m);
    }
  });

  it('constant: nothing set, nothing logged', async () => {
    const config = Object.freeze(wganGpSchema.parse({ dataset: 'ring8', latentDim: 2, mlpWidth: 8, mlpDepth: 2, evalSamples: 40, steps: 4 }));
    const m = await wganGpRecipe.build(config, createRng(1));
    expect(m.lrSchedule(m, 3)).toEqual({});
    wganGpRecipe.dispose!(m);
  });
});

describe('wganGpRecipe defaults', () => {
  it('are the recipe of Gulrajani et al. 2017, alg. 1', () => {
    // n_critic 5, lambda 10, Adam(alpha 1e-4, beta1 0, beta2 0.9); no batch norm in the critic.
    expect(wganGpRecipe.family).toBe('wgan-gp');
    expect(wganGpSchema.parse({})).toMatchObject({ nCritic: 5, gpLambda: 10, lrD: 1e-4, lrG: 1e-4, beta1: 0, beta2: 0.9, criticNorm: 'layer', lrDecay: 'none' });
    expect(() => wganGpSchema.parse({ criticNorm: 'batch' })).toThrow();
  });
});

describe('wganGpRecipe on a 2-D mixture', () => {
  it('--mlp-generator-depth deepens the generator alone (dense layers with weights: hidden + output)', async () => {
    const denseCount = (model: { layers: { getClassName(): string }[] }) => model.layers.filter((l) => l.getClassName() === 'Dense').length;
    const config = Object.freeze(wganGpSchema.parse({ dataset: 'grid25', latentDim: 2, mlpWidth: 8, mlpDepth: 3, mlpGeneratorDepth: 4, evalSamples: 40 }));
    const m = await wganGpRecipe.build(config, createRng(1));
    expect([denseCount(m.generator), denseCount(m.critic)]).toEqual([5, 4]);
    expect(m.generator.countParams()).toBe(2 * 8 + 8 + 3 * (8 * 8 + 8) + 8 * 2 + 2);
    wganGpRecipe.dispose!(m);
    const same = await wganGpRecipe.build(Object.freeze(wganGpSchema.parse({ ...config, mlpGeneratorDepth: undefined })), createRng(1));
    expect([denseCount(same.generator), denseCount(same.critic)]).toEqual([4, 4]);
    wganGpRecipe.dispose!(same);
  });
});

describe('wganGpRecipe with a generator EMA', () => {
  it('evaluates raw and EMA weights without changing the raw ones, and exports the EMA weights', async () => {
    const config = Object.freeze(wganGpSchema.parse({ dataset: 'ring8', batchSize: 16, latentDim: 2, mlpWidth: 8, mlpDepth: 2, nCritic: 1, evalSamples: 40, emaDecay: 0.5, lrG: 0.05 }));
    const m = await wganGpRecipe.build(config, createRng(1));
    const rng = createRng(2);
    for (let step = 1; step <= 3; step++) tf.tidy(() => wganGpRecipe.step(m, { step, rng, config }));
    const raw = m.generator.getWeights().map((w) => Array.from(w.dataSync()));
    const metrics = await wganGpRecipe.evaluate!(m, 3);
    expect(Object.keys(metrics).sort()).toEqual(['ema/hq_share', 'ema/modes', 'ema/reverse_kl', 'hq_share', 'modes', 'reverse_kl']);
    expect(m.generator.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(raw); // put back after the EMA evaluation
    const averaged = m.ema!.averaged();
    const expected = averaged.map((t) => Array.from(t.dataSync()));
    tf.dispose(averaged);
    expect(expected).not.toEqual(raw);
    const exported = wganGpRecipe.exportModel!(m);
    exported.getWeights().forEach((w, i) => Array.from(w.dataSync()).forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 6)));
    wganGpRecipe.dispose!(m);
  });
});

describe('wganGpRecipe stability monitor', () => {
  it('adds stab/* figures for both players at step 1 and every N steps, without changing training', async () => {
    const config = Object.freeze(
      wganGpSchema.parse({ dataset: 'ring8', batchSize: 16, latentDim: 2, mlpWidth: 8, mlpDepth: 2, nCritic: 2, evalSamples: 40, monitorEvery: 2, monitorHessianIterations: 3 }),
    );
    const run = async (monitored: boolean) => {
      const m = await wganGpRecipe.build(config, createRng(1));
      const rng = createRng(2);
      const [monitor] = monitored ? wganGpRecipe.callbacks!(config) : [];
      const rows: Record<string, number>[] = [];
      for (let step = 1; step <= 4; step++) {
        const metrics = tf.tidy(() => wganGpRecipe.step(m, { step, rng, config }));
        await monitor?.onStepEnd?.({ step, models: m, metrics, run: undefined as never });
        rows.push(metrics);
      }
      wganGpRecipe.dispose!(m);
      return rows;
    };
    const [plain, monitored] = [await run(false), await run(true)];
    expect(monitored.map((r) => [r['loss/d'], r['loss/g']])).toEqual(plain.map((r) => [r['loss/d'], r['loss/g']]));
    expect(monitored.map((r) => 'stab/critic/sharpness' in r && 'stab/generator/grad_norm' in r)).toEqual([true, true, false, true]);
    // Adam(beta1 0): the limit is 2 / lr on the preconditioned Hessian.
    expect(monitored[0]['stab/critic/sharpness_limit']).toBeCloseTo(2 / config.lrD, 0);
    expect(wganGpRecipe.callbacks!(wganGpSchema.parse({ monitorEvery: 0 }))).toEqual([]);
  });
});
