import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { startReplicas } from '@stablegen/trainer';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  createReferenceDcgan,
  dcganStep,
  discriminatorLoss,
  discriminatorUpdate,
  disposeReferenceDcgan,
  generatorLoss,
  generatorUpdate,
  REFERENCE_DCGAN_MODULE,
  referenceBatch,
  referenceDcganCapacity,
  referenceDcganStep,
} from './reference-dcgan.js';

const BATCH = 8;

/** max |a - b| / max |b| over all elements. */
function relError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
  await initBackend('wasm', { log: () => {} });
});

/** The fixed batch: real images in [-1, 1), two latent batches. */
const batch = (seed: number, size = BATCH) => referenceBatch(size, seed);

/** Gradients of both losses for every trainable weight (D's, then G's, in layer order). */
async function lossGradients(backend: 'cpu' | 'wasm'): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const model = createReferenceDcgan(7);
  const { real, zD, zG } = batch(3, 2); // batch 2: the cpu backend's conv gradients are slow
  const fake = model.generator.apply(zD) as tf.Tensor4D;
  const dVars = model.discriminator.trainableWeights.map((w) => w.read() as tf.Variable);
  const gVars = model.generator.trainableWeights.map((w) => w.read() as tf.Variable);
  const d = tf.variableGrads(() => discriminatorLoss(model, real, fake), dVars);
  const g = tf.variableGrads(() => generatorLoss(model, zG), gVars);
  // Layer names differ between the two builds (they count up), so match weights by position.
  const out = [...dVars.map((v) => d.grads[v.name]), ...gVars.map((v) => g.grads[v.name])].map((t) => Float32Array.from(t.dataSync()));
  tf.dispose([fake, real, zD, zG, d.value, g.value, ...Object.values(d.grads), ...Object.values(g.grads)]);
  disposeReferenceDcgan(model);
  return out;
}

describe('reference DCGAN on wasm', () => {
  test('gradients of the D and G losses equal those on cpu (every weight, rel < 1e-4)', async () => {
    const cpu = await lossGradients('cpu');
    const wasm = await lossGradients('wasm');
    expect(wasm.length).toBe(12); // D: 2 convs + dense, G: dense + 2 convTs, each kernel + bias
    const errors = cpu.map((c, k) => {
      expect(c.some((v) => v !== 0), `weight ${k} has a gradient`).toBe(true);
      expect(relError(wasm[k], c), `weight ${k}`).toBeLessThan(1e-4);
      return relError(wasm[k], c);
    });
    // Largest for D's output bias (~2e-5): its gradient, mean(sigmoid(fake)) - mean(sigmoid(-real)), nearly cancels.
    const worst = errors.indexOf(Math.max(...errors));
    console.log(`reference DCGAN gradients, wasm vs cpu: largest rel error ${errors[worst].toExponential(2)} (weight ${worst} of 12)`);
  });

  test('trains: losses start at 2 ln 2 and ln 2, D updates lower the D loss, G updates lower the G loss', async () => {
    await tf.setBackend('wasm');
    const model = createReferenceDcgan(5);
    const { real, zD, zG } = batch(9);
    // Weights N(0, 0.02) give logits near 0: D loss = 2 softplus(0) = 2 ln 2, G loss = softplus(0) = ln 2.
    const d = [discriminatorUpdate(model, real, zD)];
    expect(d[0]).toBeCloseTo(2 * Math.LN2, 2);
    for (let i = 0; i < 4; i++) d.push(discriminatorUpdate(model, real, zD));
    const g = [generatorUpdate(model, zG)];
    expect(g[0]).toBeGreaterThan(Math.LN2 - 0.05); // D has learned a little, so D(G(z)) < 0 on average
    for (let i = 0; i < 4; i++) g.push(generatorUpdate(model, zG));
    expect([...d, ...g].every(Number.isFinite)).toBe(true);
    expect(d[4]).toBeLessThan(d[0] - 1e-3); // falls ~5e-3 per step here; float32 noise is ~1e-7
    expect(g[4]).toBeLessThan(g[0] - 2e-4); // falls ~1.2e-4 per step here
    tf.dispose([real, zD, zG]);
    disposeReferenceDcgan(model);
  });

  test('a full step keeps the tensor count flat', async () => {
    await tf.setBackend('wasm');
    const model = createReferenceDcgan(6);
    const { real, zD, zG } = batch(10);
    dcganStep(model, real, zD, zG); // creates Adam's slots
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const l = dcganStep(model, real, zD, zG);
      expect(Number.isFinite(l.dLoss) && Number.isFinite(l.gLoss)).toBe(true);
      expect(tf.memory().numTensors).toBe(tensors);
    }
    tf.dispose([real, zD, zG]);
    disposeReferenceDcgan(model);
  });

  test('data-parallel on 2 replicas: the losses of every step follow the one-thread step within 1e-5, and nothing leaks', async () => {
    await tf.setBackend('wasm');
    const one = referenceDcganStep(BATCH, 4);
    const group = await startReplicas({ entry: REFERENCE_DCGAN_MODULE, exportName: 'referenceDcganReplica', replicas: 2, capacity: referenceDcganCapacity(), data: { batch: BATCH, seed: 4 } });
    let tensors = 0;
    for (let i = 0; i < 4; i++) {
      const [a, b] = [one.step(), group.step()];
      // Step 1 compares the averaged shard losses with the full batch's; later steps also the weights the averaged gradients reached.
      expect(Math.abs(b.dLoss - a.dLoss)).toBeLessThan(1e-5 * a.dLoss);
      expect(Math.abs(b.gLoss - a.gLoss)).toBeLessThan(1e-5 * a.gLoss);
      if (i === 1) tensors = tf.memory().numTensors;
      if (i > 1) expect(tf.memory().numTensors).toBe(tensors);
    }
    one.dispose();
    expect(await group.close()).toEqual([0]); // the worker's replica left no tensors behind
  }, 60_000);
});

