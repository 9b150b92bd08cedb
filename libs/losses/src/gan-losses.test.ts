import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { beforeAll, describe, expect, test } from 'vitest';
import { type GanLoss, hinge, LOSS_NAMES, lossByName, minimax, nonSaturating, wasserstein } from './gan-losses.js';
import { expectClose, mean, sigmoid, sp } from './testing/float64.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

type Ref = { d: (r: number[], f: number[], t: number) => number; g: (f: number[]) => number };
type Grad = { dr: (r: number, t: number) => number; df: (f: number) => number; g: (f: number) => number };

// Closed forms in float64, from the formulas (gan-losses.ts header): t = real target, 1 = no smoothing.
const logLossD = (r: number[], f: number[], t: number) => mean(r.map((x) => t * sp(-x) + (1 - t) * sp(x))) + mean(f.map(sp));
const REF: Record<string, Ref> = {
  minimax: { d: logLossD, g: (f) => -mean(f.map(sp)) }, // E[log(1 - D(G(z)))] = -E[softplus(f)]
  'non-saturating': { d: logLossD, g: (f) => mean(f.map((x) => sp(-x))) }, // -E[log D(G(z))]
  hinge: { d: (r, f) => mean(r.map((x) => Math.max(0, 1 - x))) + mean(f.map((x) => Math.max(0, 1 + x))), g: (f) => -mean(f) },
  wasserstein: { d: (r, f) => mean(f) - mean(r), g: (f) => -mean(f) },
};
// Analytic derivatives of one element's term (the 1/n of the mean is applied in the test):
// d/dr [t sp(-r) + (1 - t) sp(r)] = sigmoid(r) - t, d/df sp(f) = sigmoid(f), d/df sp(-f) = -sigmoid(-f).
const GRAD: Record<string, Grad> = {
  minimax: { dr: (r, t) => sigmoid(r) - t, df: sigmoid, g: (f) => -sigmoid(f) },
  'non-saturating': { dr: (r, t) => sigmoid(r) - t, df: sigmoid, g: (f) => -sigmoid(-f) },
  hinge: { dr: (r) => (r < 1 ? -1 : 0), df: (f) => (f > -1 ? 1 : 0), g: () => -1 },
  wasserstein: { dr: () => -1, df: () => 1, g: () => -1 },
};

// Logit sets: moderate; wide (where log(1 + e^x) loses precision); saturated at +-100.
const SETS: Record<string, [number[], number[]]> = {
  moderate: [[1.5, -0.3, 2.2, 0.1], [-1.2, 0.4, -0.05, 3]],
  wide: [[-7, 0, 12.5, -0.6], [9, -13, 0.8, 0]],
  saturated: [[100, -100, 100], [-100, 100, 100]],
};
const col = (v: number[]) => tf.tensor2d(v, [v.length, 1]); // logits [batch, 1]
const value = (t: tf.Scalar) => {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
};
const CASES = LOSS_NAMES.flatMap((name) => Object.keys(SETS).map((set) => [name, set] as const));
const targetsFor = (name: string) => (name === 'minimax' || name === 'non-saturating' ? [1, 0.9] : [1]);

describe('GAN losses', () => {
  test.each(CASES)('%s on %s logits: critic and generator match their closed forms', (name, set) => {
    const [R, F] = SETS[set];
    const [r, f] = [col(R), col(F)];
    const loss = lossByName(name);
    for (const t of targetsFor(name)) expectClose(value(loss.critic(r, f, { realTarget: t })), REF[name].d(R, F, t));
    expectClose(value(loss.generator(f)), REF[name].g(F));
    tf.dispose([r, f]);
  });

  test.each(CASES)('%s on %s logits: gradients w.r.t. the logits match the analytic derivative', (name, set) => {
    const [R, F] = SETS[set];
    const [r, f] = [col(R), col(F)];
    const loss = lossByName(name);
    for (const t of targetsFor(name)) {
      const [gr, gf] = tf.grads((a: tf.Tensor, b: tf.Tensor) => loss.critic(a, b, { realTarget: t }))([r, f]);
      Array.from(gr.dataSync()).forEach((g, i) => expectClose(g, GRAD[name].dr(R[i], t) / R.length, 1e-6));
      Array.from(gf.dataSync()).forEach((g, i) => expectClose(g, GRAD[name].df(F[i]) / F.length, 1e-6));
      tf.dispose([gr, gf]);
    }
    const gg = tf.grad((b: tf.Tensor) => loss.generator(b))(f);
    Array.from(gg.dataSync()).forEach((g, i) => expectClose(g, GRAD[name].g(F[i]) / F.length, 1e-6));
    tf.dispose([r, f, gg]);
  });

  test('stay finite and take their limits at logits of +-100', () => {
    // Critic fooled (r = -100, f = 100) and critic right (r = 100, f = -100); limits by hand:
    // softplus(100) -> 100, softplus(-100) -> 0; hinge relu(1 + 100) = 101.
    const fooled: [GanLoss, number, number][] = [[minimax, 200, -100], [nonSaturating, 200, 0], [hinge, 202, -100], [wasserstein, 200, -100]];
    const right: [GanLoss, number, number][] = [[minimax, 0, 0], [nonSaturating, 0, 100], [hinge, 0, 100], [wasserstein, -200, 100]];
    for (const [cases, R, F] of [[fooled, -100, 100], [right, 100, -100]] as const) {
      const [r, f] = [col([R]), col([F])];
      for (const [loss, d, g] of cases) {
        expectClose(value(loss.critic(r, f)), d, 1e-6);
        expectClose(value(loss.generator(f)), g, 1e-6);
      }
      tf.dispose([r, f]);
    }
  });

  test('registry: every name maps to its loss', () => {
    expect(LOSS_NAMES).toEqual(['minimax', 'non-saturating', 'hinge', 'wasserstein']);
    expect(LOSS_NAMES.map((n) => lossByName(n))).toEqual([minimax, nonSaturating, hinge, wasserstein]);
  });

  test('throws when the loss name is unknown', () => {
    expect(() => lossByName('lsgan')).toThrow("unknown loss 'lsgan': choose one of minimax, non-saturating, hinge, wasserstein");
  });

  test('throws when realTarget is outside (0, 1] or given to a loss without labels', () => {
    const [r, f] = [col([1, 2]), col([0, -1])];
    for (const t of [0, 1.5, Number.NaN]) expect(() => nonSaturating.critic(r, f, { realTarget: t })).toThrow(/realTarget must be in \(0, 1\]/);
    expect(() => hinge.critic(r, f, { realTarget: 0.9 })).toThrow('realTarget (label smoothing) applies to the minimax and non-saturating losses only; hinge got 0.9: set it to 1');
    expect(() => wasserstein.critic(r, f, { realTarget: 0.9 })).toThrow(/wasserstein got 0.9/);
    expectClose(value(hinge.critic(r, f, { realTarget: 1 })), REF.hinge.d([1, 2], [0, -1], 1));
    tf.dispose([r, f]);
  });

  test('leaks no tensors', () => {
    const [r, f] = [col(SETS.moderate[0]), col(SETS.moderate[1])];
    const all = () => {
      for (const name of LOSS_NAMES) {
        const loss = lossByName(name);
        for (const t of targetsFor(name)) loss.critic(r, f, { realTarget: t }).dispose();
        loss.generator(f).dispose();
      }
    };
    all(); // warm-up: first calls may cache scalar constants in the backend
    const before = tf.memory().numTensors;
    all();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([r, f]);
  });
});
