import * as tf from '@tensorflow/tfjs-core';
import { adam, ADAM_UPDATE, FusedAdamOptimizer } from '@stablegen/optimizers';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADAM_SIMD_FROM } from './adam-update.js';
import { useGemm, type GemmPreference } from './gemm-module.js';
import { seeded, setupBackends } from './test-helpers.js';

/**
 * The update's paths: our module's single SIMD pass (assembly/adam.ts) in its relaxed and plain
 * builds, and without our module ('xnnpack') the JavaScript pass and the built-in kernels.
 */
const PATHS: GemmPreference[] = ['relaxed-simd', 'simd', 'xnnpack'];

/** Sizes on both sides of the fallback's switch to the SIMD-kernel path, and of the 4-lane tails. */
const SIZES = [1, 37, 64 * 64, ADAM_SIMD_FROM - 1, ADAM_SIMD_FROM, ADAM_SIMD_FROM + 300];

/** `steps` Adam steps on variables of SIZES with fixed pseudo-random gradients; the final weights and moments. */
async function run(backend: 'cpu' | 'wasm', make: () => tf.AdamOptimizer, steps = 6): Promise<number[][]> {
  await tf.setBackend(backend);
  const vars = SIZES.map((n, i) => tf.variable(tf.tensor1d(seeded(n, i + 1))));
  const opt = make();
  for (let s = 0; s < steps; s++) {
    // Gradients scaled over five decades, some exactly zero.
    const grads = vars.map((v, i) => ({ name: v.name, tensor: tf.tidy(() => tf.mul(tf.relu(tf.tensor1d(seeded(v.size, 100 * s + i))), 10 ** (i - 3))) }));
    opt.applyGradients(grads);
    tf.dispose(grads.map((g) => g.tensor));
  }
  const weights = await opt.getWeights();
  const out = [...vars.map((v) => Array.from(v.dataSync())), ...weights.slice(1).map((w) => Array.from(w.tensor.dataSync()))];
  tf.dispose(vars);
  opt.dispose();
  return out;
}

describe('StablegenAdamUpdate on wasm', () => {
  beforeAll(setupBackends);
  afterEach(() => useGemm('ours'));

  it.each(PATHS)('is registered, and the fused optimiser is bit-identical to tf.train.adam on wasm (%s)', async (path) => {
    expect(tf.getKernel(ADAM_UPDATE, 'wasm')).toBeDefined();
    await tf.setBackend('wasm');
    expect(FusedAdamOptimizer.fusedOnActiveBackend()).toBe(true);
    const make = () => tf.train.adam(0.01, 0.5, 0.999);
    const fused = () => adam(0.01, 0.5, 0.999);
    useGemm(path);
    const ours = await run('wasm', fused);
    useGemm('xnnpack'); // tf.train.adam on the built-in kernels alone
    const stock = await run('wasm', make);
    expect(ours.length).toBe(3 * SIZES.length);
    ours.forEach((values, i) => expect(values, `tensor ${i}`).toEqual(stock[i]));
  });

  it.each(PATHS)('gives the same bits as the cpu kernel (every operation is an IEEE float32 one on both) (%s)', async (path) => {
    const fused = () => adam(0.003, 0.9, 0.99);
    useGemm(path);
    const [onWasm, onCpu] = [await run('wasm', fused, 3), await run('cpu', fused, 3)];
    onWasm.forEach((values, i) => expect(values, `tensor ${i}`).toEqual(onCpu[i]));
  });

  it.each(PATHS)('leaks neither tensors nor wasm buffers (%s)', async (path) => {
    useGemm(path);
    await tf.setBackend('wasm');
    const vars = [tf.variable(tf.ones([50])), tf.variable(tf.ones([ADAM_SIMD_FROM + 1]))];
    const opt = adam(0.1);
    const step = () => opt.minimize(() => tf.addN(vars.map((v) => tf.sum(tf.square(v)))) as tf.Scalar);
    step(); // creates the slots
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const before = { tensors: tf.memory().numTensors, buffers: backend.numDataIds() };
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(before.tensors);
    expect(backend.numDataIds()).toBe(before.buffers);
    tf.dispose(vars);
    opt.dispose();
  });
});
