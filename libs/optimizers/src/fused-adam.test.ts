import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADAM_UPDATE } from './adam-update.js';
import { adam, FusedAdamOptimizer } from './fused-adam.js';

/** Deterministic values in [-1, 1) (a linear congruential sequence), with a few exact zeros. */
function values(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, (_, i) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return i % 17 === 5 ? 0 : s / 2 ** 31 - 1;
  });
}

const SHAPES: number[][] = [[7], [3, 5], [2, 3, 4, 2], [1]];

/** Trains fresh variables for `steps` steps of a fixed quadratic-plus-cubic loss; returns values and slots. */
async function train(make: () => tf.AdamOptimizer, steps: number, lrAt?: (step: number) => number) {
  const vars = SHAPES.map((shape, i) => tf.variable(tf.tensor(values(shape.reduce((p, d) => p * d, 1), i + 1), shape)));
  const targets = SHAPES.map((shape, i) => tf.tensor(values(shape.reduce((p, d) => p * d, 1), 100 + i), shape));
  const opt = make();
  for (let step = 0; step < steps; step++) {
    if (lrAt) (opt as unknown as { learningRate: number }).learningRate = lrAt(step);
    opt.minimize(() => tf.addN(vars.map((v, i) => tf.sum(tf.add(tf.square(tf.sub(v, targets[i])), tf.mul(0.3, tf.pow(v, 3)))))) as tf.Scalar);
  }
  const weights = await opt.getWeights();
  const out = {
    vars: vars.map((v) => Array.from(v.dataSync())),
    slots: weights.map((w) => ({ name: w.name.replace(/^.*?(\/[mv])$/, '$1'), values: Array.from(w.tensor.dataSync()) })),
  };
  tf.dispose([...vars, ...targets]);
  opt.dispose();
  return out;
}

describe('FusedAdamOptimizer on cpu', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
  });

  it('registers its cpu kernel and uses it', () => {
    adam();
    expect(tf.getKernel(ADAM_UPDATE, 'cpu')).toBeDefined();
    expect(FusedAdamOptimizer.fusedOnActiveBackend()).toBe(true);
  });

  it('is bit-identical to tf.train.adam over 25 steps: weights, moments and step count, with the rate changed mid-run', async () => {
    const lrAt = (step: number) => (step < 10 ? 0.05 : 0.05 * (1 - step / 30));
    const ours = await train(() => adam(0.05, 0.5, 0.99), 25, lrAt);
    const stock = await train(() => tf.train.adam(0.05, 0.5, 0.99), 25, lrAt);
    expect(ours.vars).toEqual(stock.vars);
    expect(ours.slots).toEqual(stock.slots);
    expect(ours.slots.length).toBe(1 + 2 * SHAPES.length);
  });

  it("one step from zero moments is Kingma & Ba's x - lr g / (|g| + eps) (bias corrections cancel)", () => {
    const x0 = values(9, 3);
    const g = values(9, 4);
    const x = tf.variable(tf.tensor1d(x0));
    const opt = adam(0.01, 0.9, 0.999, 1e-8);
    opt.applyGradients([{ name: x.name, tensor: tf.tensor1d(g) }]);
    const got = x.dataSync();
    for (let i = 0; i < 9; i++) expect(got[i]).toBeCloseTo(x0[i] - (0.01 * g[i]) / (Math.abs(g[i]) + 1e-8), 6);
    tf.dispose([x]);
    opt.dispose();
  });

  it('a checkpoint round trip (getWeights -> setWeights into a fresh optimiser) continues exactly as an uninterrupted run', async () => {
    const x = tf.variable(tf.tensor1d(values(11, 8)));
    const grads = [1, 2, 3, 4].map((k) => tf.tensor1d(values(11, 20 + k)));
    const a = adam(0.02, 0.5, 0.999);
    const b = adam(0.02, 0.5, 0.999);
    const xb = tf.variable(x.clone());
    for (const g of grads.slice(0, 2)) {
      a.applyGradients([{ name: x.name, tensor: g }]);
      b.applyGradients([{ name: xb.name, tensor: g }]);
    }
    const resumed = adam(0.02, 0.5, 0.999);
    const saved = await b.getWeights();
    await resumed.setWeights(saved.map((w) => ({ name: w.name, tensor: w.tensor.clone() })));
    for (const g of grads.slice(2)) {
      a.applyGradients([{ name: x.name, tensor: g }]);
      resumed.applyGradients([{ name: xb.name, tensor: g }]);
    }
    // setWeights recomputes beta^t as pow(beta, t), which tfjs's own Adam does too: close, not bitwise (the trainer stores the powers).
    const [xa, xr] = [x.dataSync(), xb.dataSync()];
    for (let i = 0; i < 11; i++) expect(xr[i]).toBeCloseTo(xa[i], 6);
    tf.dispose([x, xb, ...grads]);
    [a, b, resumed].forEach((o) => o.dispose());
  });

  it('a backend without the kernel gets the stock update (same numbers); a tidied step leaks nothing', async () => {
    const stock = await train(() => tf.train.adam(0.1), 5);
    const config = tf.getKernel(ADAM_UPDATE, 'cpu')!;
    tf.unregisterKernel(ADAM_UPDATE, 'cpu');
    try {
      expect(FusedAdamOptimizer.fusedOnActiveBackend()).toBe(false);
      expect((await train(() => new FusedAdamOptimizer(0.1, 0.9, 0.999), 5)).vars).toEqual(stock.vars);
    } finally {
      tf.registerKernel(config);
    }
    const x = tf.variable(tf.tensor1d(values(5, 1)));
    const opt = adam(0.1);
    opt.minimize(() => tf.sum(tf.square(x)) as tf.Scalar); // creates the slots
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) opt.minimize(() => tf.sum(tf.square(x)) as tf.Scalar);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(x);
    opt.dispose();
  });

  it('refuses a non-float32 variable with a message that names it, before updating any variable', () => {
    const w = tf.variable(tf.tensor1d([0.5, -0.5]), true, 'weights');
    const x = tf.variable(tf.tensor1d([1, 2], 'int32'), true, 'counter');
    const opt = adam();
    const step = () => opt.applyGradients([{ name: 'weights', tensor: tf.tensor1d([1, 1]) }, { name: 'counter', tensor: tf.tensor1d([1, 1], 'int32') }]);
    expect(step).toThrow(/'counter' is int32 .* Adam needs float32/);
    expect(Array.from(w.dataSync())).toEqual([0.5, -0.5]); // the float32 variable listed first did not move
    expect(opt.iterations).toBe(0);
    tf.dispose([w, x]);
    opt.dispose();
  });
});
