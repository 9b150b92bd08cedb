import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSeq2seq, seq2seqFamily, seq2seqLoss, type Seq2seqSizes } from './families/seq2seq.js';

const SIZES: Seq2seqSizes = { batch: 8, steps: 6, vocab: 12, embedding: 8, units: 16 };

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
  await initBackend('wasm', { log: () => {} });
});

/** max |a - b| / max |b|. */
function relError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  b.forEach((v, i) => {
    diff = Math.max(diff, Math.abs(a[i] - v));
    scale = Math.max(scale, Math.abs(v));
  });
  return diff / scale;
}

/** Loss gradients for every weight, in model order, on a fixed batch (ids repeat: embedding rows get summed). */
async function gradients(backend: 'cpu' | 'wasm'): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const m = buildSeq2seq(SIZES, 4);
  const src = tf.tile(tf.tensor2d([1, 2, 2, 5, 11, 0, 3, 3, 3, 7, 1, 9], [2, 6], 'int32'), [4, 1]) as tf.Tensor2D;
  const tgtIn = tf.concat([tf.zeros([8, 1], 'int32'), tf.slice(src, [0, 0], [8, 5])], 1);
  const vars = m.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => seq2seqLoss(m, src, tgtIn, src, SIZES.vocab), vars);
  const out = vars.map((v) => Float32Array.from(grads[v.name].dataSync()));
  tf.dispose([src, tgtIn, value, ...Object.values(grads)]);
  m.dispose();
  return out;
}

describe('GRU + embedding seq2seq on wasm', () => {
  test('gradients equal those on cpu for every weight, embeddings included (rel < 1e-4)', async () => {
    const cpu = await gradients('cpu');
    const wasm = await gradients('wasm');
    expect(wasm.length).toBe(10); // 2 embeddings, 2 GRUs x (kernel, recurrent kernel, bias), dense kernel + bias
    const errors = cpu.map((c, k) => {
      expect(c.some((v) => v !== 0), `weight ${k} has a gradient`).toBe(true);
      return relError(wasm[k], c);
    });
    console.log(`seq2seq gradients, wasm vs cpu: largest rel error over the 10 weights ${Math.max(...errors).toExponential(2)}`);
    errors.forEach((e, k) => expect(e, `weight ${k}`).toBeLessThan(1e-4));
  });

  test('trains: the loss on a fixed batch falls, stays finite, and the tensor count stays flat', async () => {
    await tf.setBackend('wasm');
    const family = seq2seqFamily(SIZES, 2);
    const first = family.step().loss; // creates Adam's slots
    const tensors = tf.memory().numTensors;
    const losses = [first];
    for (let i = 0; i < 15; i++) {
      losses.push(family.step().loss);
      expect(tf.memory().numTensors).toBe(tensors);
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    // Adam(1e-2) on a copy task: well below the start after 15 steps (uniform guessing would be ln 12 = 2.48).
    expect(losses[15]).toBeLessThan(0.9 * losses[0]);
    family.dispose();
  });
});
