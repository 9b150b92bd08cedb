import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FamilyStep } from './families/family.js';
import { progressiveFamily } from './families/progressive.js';
import { buildCritic, gradientPenalty, wganGpFamily, type CriticActivation } from './families/wgan-gp.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
  await initBackend('wasm', { log: () => {} });
});

/** Runs `steps` steps after a first one; every loss finite, tensor count flat after the first. */
function runsFlat(family: FamilyStep, steps: number): Record<string, number>[] {
  const out = [family.step()];
  const tensors = tf.memory().numTensors;
  for (let i = 0; i < steps; i++) {
    out.push(family.step());
    expect(tf.memory().numTensors).toBe(tensors);
  }
  expect(out.flatMap((l) => Object.values(l)).every(Number.isFinite)).toBe(true);
  family.dispose();
  return out;
}

/**
 * d/dtheta of the gradient penalty (double backprop through the critic), per critic weight; null
 * where the penalty does not depend on the weight (e.g. the last bias does not change grad_x D).
 */
async function penaltyGradients(backend: 'cpu' | 'wasm', activation: CriticActivation): Promise<(Float32Array | null)[]> {
  await tf.setBackend(backend);
  const critic = buildCritic(activation, 3);
  const xhat = tf.randomUniform([2, 28, 28, 1], -1, 1, 'float32', 5) as tf.Tensor4D;
  const vars = critic.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => gradientPenalty(critic, xhat), vars);
  const out = vars.map((v) => (grads[v.name] ? Float32Array.from(grads[v.name].dataSync()) : null));
  tf.dispose([xhat, value, ...Object.values(grads)]);
  critic.dispose();
  return out;
}

/** max |a - b| / max |b| (max |a - b| when b is all zeros, e.g. a bias the penalty only reaches through ReLU's zero second derivative). */
function relError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  b.forEach((v, i) => {
    diff = Math.max(diff, Math.abs(a[i] - v));
    scale = Math.max(scale, Math.abs(v));
  });
  return scale === 0 ? diff : diff / scale;
}

// LeakyReLU's gradient uses Greater, whose own gradient tfjs 4.22 lacks: double backprop through
// it needs the gradient fixes that initBackend registers.
const activations: CriticActivation[] = ['relu', 'leakyRelu'];

describe('model families on wasm', () => {
  test.each(activations)('WGAN-GP (%s critic): double-backprop penalty gradients equal cpu (rel < 1e-4)', async (activation) => {
    const cpu = await penaltyGradients('cpu', activation);
    const wasm = await penaltyGradients('wasm', activation);
    expect(wasm.map((g) => g === null)).toEqual(cpu.map((g) => g === null));
    const kernels = [0, 2, 4].map((k) => cpu[k]); // conv, conv, dense kernels all shape the input gradient
    kernels.forEach((c) => expect(c?.some((v) => v !== 0)).toBe(true));
    const errors = cpu.flatMap((c, k) => (c === null ? [] : [relError(wasm[k]!, c)]));
    console.log(`WGAN-GP penalty gradients (${activation}), wasm vs cpu: largest rel error ${Math.max(...errors).toExponential(2)}`);
    errors.forEach((e, k) => expect(e, `weight ${k}`).toBeLessThan(1e-4));
  });

  test.each(activations)('WGAN-GP (%s critic) steps run with finite losses and a flat tensor count', async (activation) => {
    await tf.setBackend('wasm');
    runsFlat(wganGpFamily(8, activation), 2);
  });

  test('progressive growing steps run with finite losses and a flat tensor count', async () => {
    await tf.setBackend('wasm');
    runsFlat(progressiveFamily(8), 2);
  });
});
