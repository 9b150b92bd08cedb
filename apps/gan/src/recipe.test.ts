import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import sharp from 'sharp';
import { beforeAll, expect, test } from 'vitest';
import { ganSchema, type GanConfig } from './config.js';
import { ganRecipe } from './recipe.js';

beforeAll(async () => {
  await initBackend('wasm', { log: () => {} });
});

const config = (extra: Partial<GanConfig>) => Object.freeze(ganSchema.parse({ batchSize: 8, evalSamples: 50, sampleCount: 4, ...extra })) as GanConfig;

/** Builds the models, runs 4 steps (checking finite losses and a flat tensor count after Adam's first), returns them with that count. */
async function trainFourSteps(c: GanConfig) {
  const models = await ganRecipe.build(c, createRng(1));
  const rng = createRng(2);
  const step = (i: number) => tf.tidy(() => ganRecipe.step(models, { step: i, rng, config: c }));
  step(1); // Adam creates its slots on the first step
  const before = tf.memory().numTensors;
  for (let i = 2; i <= 4; i++) {
    const m = step(i);
    expect(Number.isFinite(m['loss/d']) && Number.isFinite(m['loss/g'])).toBe(true);
  }
  expect(tf.memory().numTensors).toBe(before);
  return { models, before };
}

test.each([
  ['class-conditional (the mnist default)', {}],
  ['unconditional (--conditional false)', { conditional: false }],
  ['spectral norm + ZCA-whitened critic input + label smoothing', { spectralNorm: true, whiten: true, labelSmoothing: 0.9 }],
])('%s: steps keep the tensor count flat and losses finite', async (_name, extra) => {
  const { models } = await trainFourSteps(config(extra));
  const quality = await ganRecipe.evaluate!(models, 4);
  const conditional = (extra as { conditional?: boolean }).conditional !== false;
  expect(Object.keys(quality).sort()).toEqual(['classes_covered', 'confident_share', 'fd_mnist', ...(conditional ? ['label_accuracy'] : [])]);
  ganRecipe.dispose!(models);
});

test('ring8: the MLP pair trains with a flat tensor count and finite losses; the view gives PacGAN metrics and a scatter + CSV', async () => {
  const { models, before } = await trainFourSteps(config({ dataset: 'ring8', latentDim: 2, mlpWidth: 16, mlpDepth: 2, batchSize: 32, evalSamples: 200, spectralNorm: true }));
  const quality = await ganRecipe.evaluate!(models, 4);
  expect(Object.keys(quality).sort()).toEqual(['hq_share', 'modes', 'reverse_kl']);
  const samples = await ganRecipe.sample!(models, 4);
  expect(samples.map((a) => `${a.suffix ?? ''}.${a.ext}`)).toEqual(['.png', '-points.csv']);
  expect(tf.memory().numTensors).toBe(before);
  ganRecipe.dispose!(models);
});

test('class-conditional mnist: G takes [z | one-hot], the projection critic reads the label, fixed latents take the classes in turn, one grid column per digit', async () => {
  const c = config({ latentDim: 6, width: 16 });
  const models = await ganRecipe.build(c, createRng(1));
  expect(models.generator.inputs[0].shape).toEqual([null, 16]);
  expect(models.critic.inputs.map((i) => i.shape)).toEqual([[null, 28, 28, 1], [null, 10]]);
  const real = models.real.next(createRng(3)) as tf.Tensor2D; // [8, 784 + 10]
  expect(real.shape).toEqual([8, 794]);
  const relabel = tf.concat([tf.slice(real, [0, 0], [-1, 784]), tf.reverse(tf.slice(real, [0, 784], [-1, 10]), 1)], 1);
  const scores = [real, relabel].map((x) => Array.from(models.forward.critic(x).dataSync()));
  expect(scores[0].some((s, i) => Math.abs(s - scores[1][i]) > 1e-6)).toBe(true);
  const z = models.prior.fixed(12, c.seed);
  expect(Array.from(tf.argMax(tf.slice(z, [0, 6], [-1, 10]), 1).dataSync())).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
  const fake = models.forward.generator(z) as tf.Tensor2D;
  expect(Array.from(tf.slice(fake, [0, 784], [-1, 10]).dataSync())).toEqual(Array.from(tf.slice(z, [0, 6], [-1, 10]).dataSync()));
  tf.dispose([real, relabel, z, fake]);
  const [grid] = await ganRecipe.sample!(models, 1);
  expect((await sharp(grid.data).metadata()).width).toBe((10 * (28 + 1) + 1) * 2); // one column per digit, 2x
  ganRecipe.dispose!(models);
  await expect(ganRecipe.build(config({ dataset: 'ring8', conditional: true }), createRng(1))).rejects.toThrow(/--conditional needs a labelled dataset/);
});

test.each([
  ['ring8', { dataset: 'ring8', latentDim: 2, mlpWidth: 16, mlpDepth: 2, batchSize: 32 }],
  ['class-conditional mnist', { latentDim: 6, width: 16, batchSize: 4 }],
])('%s: the stability monitor logs both players at step 1 and every N steps, changes nothing in training, and leaks nothing', async (_name, extra) => {
  const c = config({ ...extra, monitorEvery: 2, monitorHessianIterations: 3 });
  const run = async (monitored: boolean) => {
    const models = await ganRecipe.build(c, createRng(1));
    const rng = createRng(2);
    const [monitor] = monitored ? ganRecipe.callbacks!(c) : [];
    const rows: Record<string, number>[] = [];
    let before = 0;
    for (let step = 1; step <= 4; step++) {
      const metrics = tf.tidy(() => ganRecipe.step(models, { step, rng, config: c }));
      if (step === 2) before = tf.memory().numTensors; // after Adam's slots exist
      await monitor?.onStepEnd?.({ step, models, metrics, run: undefined as never });
      rows.push(metrics);
    }
    expect(tf.memory().numTensors).toBe(before);
    ganRecipe.dispose!(models);
    return rows;
  };
  const [plain, monitored] = [await run(false), await run(true)];
  // Probe batches come from the seed and the data stream's position is restored: same losses.
  expect(monitored.map((m) => [m['loss/d'], m['loss/g']])).toEqual(plain.map((m) => [m['loss/d'], m['loss/g']]));
  expect(monitored.map((m) => 'stab/critic/sharpness' in m && 'stab/generator/grad_cosine' in m)).toEqual([true, true, false, true]);
  for (const key of ['stab/critic/grad_norm', 'stab/generator/grad_norm', 'stab/critic/sharpness_limit']) expect(monitored[0][key]).toBeGreaterThan(0);
  expect(monitored[0]['stab/critic/sharpness_limit']).toBeCloseTo((2 + 2 * c.beta1) / ((1 - c.beta1) * c.lrD), 3);
  expect(ganRecipe.callbacks!(config({ monitorEvery: 0 }))).toEqual([]);
});

test('--lr-schedule cosine --warmup-steps 2: the rates of both players follow the schedule from the first step, and training differs from constant', async () => {
  const c = config({ dataset: 'ring8', latentDim: 2, mlpWidth: 8, mlpDepth: 2, batchSize: 16, evalSamples: 40, steps: 6, lrSchedule: 'cosine', warmupSteps: 2 });
  const run = async (cc: GanConfig) => {
    const m = await ganRecipe.build(cc, createRng(1));
    const rng = createRng(2);
    const rows = [1, 2, 3, 4, 5, 6].map((step) => tf.tidy(() => ganRecipe.step(m, { step, rng, config: cc })));
    const rate = (m.optD as unknown as { learningRate: number }).learningRate;
    ganRecipe.dispose!(m);
    return { rows, rate };
  };
  const scheduled = await run(c);
  const constant = await run(config({ ...c, lrSchedule: 'constant', warmupSteps: 0 }));
  // factors: warm-up 1/2, 1; then cosine over T = 4 steps from 1: (1 + cos(pi t / 4)) / 2.
  const expected = [0.5, 1, 1, (1 + Math.cos(Math.PI / 4)) / 2, 0.5, (1 + Math.cos((3 * Math.PI) / 4)) / 2];
  scheduled.rows.forEach((r, i) => {
    expect(r['lr/d']).toBeCloseTo(c.lrD * expected[i], 12);
    expect(r['lr/g']).toBeCloseTo(c.lrG * expected[i], 12);
  });
  expect(scheduled.rate).toBeCloseTo(c.lrD * expected[5], 12);
  expect(constant.rows[0]['lr/d']).toBeUndefined();
  expect(constant.rate).toBe(c.lrD);
  expect(scheduled.rows[1]['loss/d']).not.toBe(constant.rows[1]['loss/d']); // step 1 ran at half the rate
});
