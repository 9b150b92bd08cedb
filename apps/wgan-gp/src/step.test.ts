/**
 * The WGAN-GP step against a float64 reference: with a linear critic D(x) = w.x + b the input
 * gradient is w everywhere, so the critic loss E[D(fake)] - E[D(real)] + lambda (||w|| - 1)^2 has
 * the closed-form gradient c - mean(real) + 2 lambda (||w|| - 1) w / ||w|| (b cancels), whatever
 * the interpolation weights; Adam (Kingma & Ba 2015, alg. 1) is replayed in plain JS.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerGradientFixes } from '@stablegen/gradient-fixes';
import { createRng } from '@stablegen/random';
import { forwardOf, latentPrior } from '@stablegen/gan-training';
import { WeightEma } from '@stablegen/stability';
import { beforeAll, describe, expect, it } from 'vitest';
import { type WganGpConfig, wganGpSchema } from './config.js';
import { buildWganGpModels, disposeWganGpModels, type WganGpModels } from './models.js';
import { wganGpStep } from './step.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerGradientFixes();
});

/** Float64 Adam as tfjs runs it (epsilon 1e-7 = the float32 backend's epsilon). */
function adamReference(lr: number, beta1: number, beta2: number) {
  let m: number[] | undefined;
  let v: number[] | undefined;
  let t = 0;
  return (theta: number[], g: number[]): number[] => {
    t++;
    m = g.map((gi, i) => beta1 * (m?.[i] ?? 0) + (1 - beta1) * gi);
    v = g.map((gi, i) => beta2 * (v?.[i] ?? 0) + (1 - beta2) * gi * gi);
    return theta.map((th, i) => th - (lr * (m![i] / (1 - beta1 ** t))) / (Math.sqrt(v![i] / (1 - beta2 ** t)) + 1e-7));
  };
}

const dense = (inDim: number, units: number, kernel: number[], bias: number[]) => {
  const model = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [inDim], units })] });
  tf.tidy(() => model.layers[0].setWeights([tf.tensor2d(kernel, [inDim, units]), tf.tensor1d(bias)]));
  return model;
};

const dot = (a: number[], b: number[]) => a.reduce((s, ai, i) => s + ai * b[i], 0);

describe('wganGpStep', () => {
  const c = [0.3, -0.2]; // the generator's bias; its kernel is 0, so every fake point is c
  const w0 = [0.5, -1.5];
  const b0 = 0.1;
  const realBatches = [
    [1, 0, 0.9, 0.1, 1.1, -0.1, 1, 0.2],
    [0, 1, -0.2, 0.8, 0.1, 1.2, 0, 0.9],
    [-1, 0, -0.8, -0.3, -1.2, 0.1, -0.9, 0],
  ];

  function linearModels(config: WganGpConfig): WganGpModels {
    let i = 0;
    const generator = dense(2, 2, [0, 0, 0, 0], c);
    const critic = dense(2, 1, w0, [b0]);
    return {
      generator,
      critic,
      lrSchedule: () => ({}),
      forward: { generator: forwardOf(generator), critic: forwardOf(critic) },
      optG: tf.train.adam(config.lrG, config.beta1, config.beta2),
      optD: tf.train.adam(config.lrD, config.beta1, config.beta2),
      real: { next: () => tf.tensor2d(realBatches[i++], [4, 2]), state: () => ({}), restore: () => undefined },
      view: { sample: async () => [], evaluate: () => ({}), dispose: () => undefined },
      prior: latentPrior(2),
    };
  }

  it('critic updates match a float64 Adam replay of the closed-form gradient', () => {
    const config = wganGpSchema.parse({ dataset: 'ring8', batchSize: 4, latentDim: 2, nCritic: 3, gpLambda: 10, lrD: 0.05, lrG: 0.02 });
    const m = linearModels(config);
    const metrics = wganGpStep(m, config, createRng(1));

    // Reference: three critic updates, each on its own real batch, the fake batch always c.
    const adamD = adamReference(config.lrD, config.beta1, config.beta2);
    let w = [...w0];
    const seen = { loss: 0, wass: 0, gp: 0, norm: 0 };
    for (const batch of realBatches) {
      const rbar = [0, 1].map((j) => (batch[j] + batch[j + 2] + batch[j + 4] + batch[j + 6]) / 4);
      const norm = Math.hypot(w[0], w[1]);
      const gp = config.gpLambda * (norm - 1) ** 2;
      const wass = dot(w, rbar) - dot(w, c); // E[D(real)] - E[D(fake)]
      Object.assign(seen, { loss: seen.loss + gp - wass, wass: seen.wass + wass, gp: seen.gp + gp, norm: seen.norm + norm });
      w = adamD(w, [0, 1].map((j) => c[j] - rbar[j] + (2 * config.gpLambda * (norm - 1) * w[j]) / norm));
    }
    const [kernel, bias] = m.critic.getWeights().map((t) => Array.from(t.dataSync()));
    kernel.forEach((k, j) => expect(k).toBeCloseTo(w[j], 5));
    expect(bias[0]).toBeCloseTo(b0, 7); // dL/db = 0: Adam leaves b alone
    expect(metrics['loss/d']).toBeCloseTo(seen.loss / 3, 5);
    expect(metrics.wasserstein).toBeCloseTo(seen.wass / 3, 5);
    expect(metrics.gp).toBeCloseTo(seen.gp / 3, 5);
    expect(metrics.grad_norm).toBeCloseTo(seen.norm / 3, 5);

    // Generator: L_G = -E[w.G(z) + b] with the updated critic; dL/dc = -w.
    expect(metrics['loss/g']).toBeCloseTo(-(dot(w, c) + b0), 5);
    const cNew = adamReference(config.lrG, config.beta1, config.beta2)(c, w.map((x) => -x));
    Array.from(m.generator.getWeights()[1].dataSync()).forEach((ci, j) => expect(ci).toBeCloseTo(cNew[j], 6));
    disposeWganGpModels(m);
  });

  it('the generator EMA moves by (1 - decay) towards the weights after the generator update', () => {
    const config = wganGpSchema.parse({ dataset: 'ring8', batchSize: 4, latentDim: 2, nCritic: 1, lrD: 0.05, lrG: 0.02, emaDecay: 0.9 });
    const base = linearModels(config);
    const m = { ...base, ema: new WeightEma(base.generator, { decay: config.emaDecay }) };
    wganGpStep(m, config, createRng(1));
    // ema_1 = 0.9 c + 0.1 c_1, with c_1 the generator's bias after its Adam step.
    const c1 = Array.from(m.generator.getWeights()[1].dataSync());
    const averaged = m.ema.averaged();
    Array.from(averaged[1].dataSync()).forEach((e, j) => expect(e).toBeCloseTo(0.9 * c[j] + 0.1 * c1[j], 6));
    expect(c1[0]).not.toBeCloseTo(c[0], 4); // the generator did move
    tf.dispose(averaged);
    disposeWganGpModels(m);
  });

  it('the tensor count stays flat across steps (MLP models on ring8, with the generator EMA)', async () => {
    const config = wganGpSchema.parse({ dataset: 'ring8', batchSize: 16, latentDim: 2, mlpWidth: 8, mlpDepth: 2, nCritic: 2, evalSamples: 10, emaDecay: 0.99 });
    const m = await buildWganGpModels(config, createRng(3));
    const rng = createRng(4);
    tf.tidy(() => wganGpStep(m, config, rng)); // the first step creates Adam's slots
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const metrics = tf.tidy(() => wganGpStep(m, config, rng));
      Object.values(metrics).forEach((v) => expect(Number.isFinite(v)).toBe(true));
    }
    expect(tf.memory().numTensors).toBe(before);
    disposeWganGpModels(m);
  });
});
