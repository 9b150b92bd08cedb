/**
 * The trainer with @stablegen/stability's divergence guard on a run that really diverges: plain SGD
 * on the toy regression with a learning rate far above the edge of stability.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '@stablegen/backend';
import { readEvents } from '@stablegen/run-files';
import { stabilityMonitor } from '@stablegen/stability';
import { divergenceGuard } from '../src/index.js';
import { beforeAll, expect, test } from 'vitest';
import { resolveConfig, train, type Recipe } from '../src/index.js';
import { toySchema, type ToyConfig } from './toy-recipe.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

interface SgdModels {
  model: tfl.LayersModel;
  optimizer: tf.SGDOptimizer;
}

/** The toy regression y = x . [2, -3] + 0.5 with plain SGD (no noise: the loss can reach 0). */
const sgdRecipe: Recipe<ToyConfig, SgdModels> = {
  family: 'toy-sgd',
  summary: 'linear regression with SGD',
  schema: toySchema,
  build(config, rng) {
    const model = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [2], units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: rng.nextSeed() }) })] });
    return { model, optimizer: tf.train.sgd(config.lr) };
  },
  step({ model, optimizer }, { rng, config }) {
    const x = tf.tensor2d(Array.from({ length: config.batchSize * 2 }, () => rng.normal()), [config.batchSize, 2]);
    const y = tf.add(tf.matMul(x, tf.tensor2d([[2], [-3]])), 0.5);
    const loss = optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x) as tf.Tensor) as tf.Scalar, true) as tf.Scalar;
    return { loss: loss.dataSync()[0] };
  },
  checkpointable: ({ model, optimizer }) => ({ models: { model }, optimizers: { optimizer } }),
  dispose: ({ model, optimizer }) => {
    model.dispose();
    optimizer.dispose();
  },
};

const configFor = (argv: string[]) => resolveConfig('toy', 'toy', toySchema, argv)!.config as ToyConfig;
const readLines = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, number>);
/** The guard's events of a run (checkpoints are events too; left out here). */
const guardEvents = (dir: string) => readEvents(dir).filter((e) => e.kind !== 'checkpoint') as Record<string, number>[];
const losses = (dir: string) => readLines(path.join(dir, 'metrics.jsonl')).map((m) => m.loss);

test('SGD far above the edge of stability: the guard halves the rate until it trains, and the result equals a run started at that rate', async () => {
  // The loss 1/B ||X w + b - y||^2 has Hessian 2/B [X 1]^T [X 1], about 2 I for x ~ N(0, I); with
  // B = 16 its top eigenvalue is about 2.4 to 3.7 per batch (topHessianEigenvalue), so plain SGD is
  // stable below lr = 2 / lambda (sgdSharpnessLimit), about 0.55 to 0.85: lr 3 and 1.5 blow up.
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-guard-'));
  const argv = ['--steps', '30', '--batch-size', '16', '--checkpoint-every', '10', '--log-every', '1'];
  const guard = divergenceGuard({ blowUp: { keys: ['loss'], factor: 10, warmup: 3, window: 20 }, maxRollbacks: 4 });
  const guarded = path.join(base, 'guarded');
  const result = await train(sgdRecipe, configFor([...argv, '--lr', '3', '--out', guarded]), { log: () => {}, tty: false, callbacks: [guard] });
  expect(result.lastStep).toBe(30);
  const events = guardEvents(guarded);
  expect(events.map((e) => [e.kind, e.restoredStep, e.lr])).toEqual([
    ['rollback', 0, { optimizer: 1.5 }],
    ['rollback', 0, { optimizer: 0.75 }],
  ]);
  for (const e of events) expect(String(e.reason)).toMatch(/^loss = [\d.e+]+ > 10 x median [\d.e+]+ of the last \d+ steps$/);

  // Restored weights, SGD state and RNG make the rest of the run that of a fresh run at lr 0.75, exactly.
  const fresh = path.join(base, 'fresh');
  await train(sgdRecipe, configFor([...argv, '--lr', '0.75', '--out', fresh]), { log: () => {}, tty: false });
  expect(losses(guarded)).toEqual(losses(fresh));
  expect(losses(guarded)[29]).toBeLessThan(1e-3 * losses(guarded)[0]); // and it trains
});

test('the stability monitor logs gradient norms, gradient noise and sharpness against 2 / lr at step 1 and every N steps', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-monitor-'));
  // Two fixed minibatches of the same regression, independent of the run's RNG.
  const draws = [1, 2].map((seed) => {
    const x = tf.randomNormal([16, 2], 0, 1, 'float32', seed);
    return { x, y: tf.add(tf.matMul(x, tf.tensor2d([[2], [-3]])), 0.5) };
  });
  const monitor = stabilityMonitor<SgdModels>(
    ({ model, optimizer }) => [
      { name: 'model', loss: (d) => tf.losses.meanSquaredError(draws[d].y, model.apply(draws[d].x) as tf.Tensor) as tf.Scalar, weights: model.trainableWeights, optimizer },
    ],
    { every: 5, hessianIterations: 50 },
  );
  await train(sgdRecipe, configFor(['--steps', '10', '--batch-size', '16', '--log-every', '1', '--lr', '0.1', '--out', out]), { log: () => {}, tty: false, callbacks: [monitor] });
  const lines = readLines(path.join(out, 'metrics.jsonl')).filter((m) => 'loss' in m);
  expect(lines.filter((m) => 'stab/model/sharpness' in m).map((m) => m.step)).toEqual([1, 5, 10]);
  for (const m of lines.filter((l) => 'stab/model/sharpness' in l)) {
    // Hessian 2/B [X 1]^T [X 1]: top eigenvalue about 2 to 4.5 for x ~ N(0, I), B = 16.
    expect(m['stab/model/sharpness']).toBeGreaterThan(1.5);
    expect(m['stab/model/sharpness']).toBeLessThan(6);
    expect(m['stab/model/sharpness_limit']).toBeCloseTo(2 / 0.1, 6);
    expect(m['stab/model/grad_norm']).toBeGreaterThan(0);
    expect(Math.abs(m['stab/model/grad_cosine'])).toBeLessThanOrEqual(1);
    expect(Object.keys(m).some((k) => k.startsWith('stab/model/grad_norm/'))).toBe(true);
  }
  tf.dispose(draws.flatMap((d) => [d.x, d.y]));
});
