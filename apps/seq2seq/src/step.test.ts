import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeParams, paramList, type Seq2SeqParams } from './model/params.js';
import { randomBatch, tinyParams } from './testing/tiny-model.js';
import { maskedCrossEntropy } from './train/loss.js';
import { timeMajorTargets, trainStep } from './step.js';
import { unrollDecoder } from './train/unroll.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

/** Teacher-forced loss of a fixed batch. */
function lossOf(p: Seq2SeqParams, x: tf.Tensor2D, y: Int32Array, length: number): tf.Scalar {
  return tf.tidy(() => maskedCrossEntropy(unrollDecoder(p, x, y, length).logits, timeMajorTargets(y, x.shape[0], length)));
}

describe('trainStep', () => {
  it("a training step's tensor count stays flat (teacher-forced and scheduled)", () => {
    const p = tinyParams();
    const opt = tf.train.adam(1e-2);
    const { x, y } = randomBatch(8, 5, 7, 1);
    const rng = createRng(1);
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) {
      trainStep(p, opt, { x, y, length: 7 }, { eps: i % 2 ? 0.5 : 1, mode: i < 2 ? 'greedy' : 'sampled', rng }, 1);
      counts.push(tf.memory().numTensors);
    }
    expect(counts[2]).toBe(counts[1]); // step 1 creates Adam's moments, then nothing more
    expect(counts[3]).toBe(counts[1]);
    tf.dispose([x]);
    opt.dispose();
    disposeParams(p);
  });

  it('gradients of the whole model match central finite differences (float32, 12 entries)', () => {
    const p = tinyParams(4);
    const { x, y } = randomBatch(4, 5, 6, 2);
    const vars = paramList(p);
    const { grads } = tf.variableGrads(() => lossOf(p, x, y, 6), vars);
    const rng = createRng(8);
    const h = 1e-2;
    for (let k = 0; k < 12; k++) {
      const v = vars[k % vars.length];
      const i = rng.int(v.size);
      const values = v.dataSync().slice();
      const at = (d: number) => {
        const shifted = values.slice();
        shifted[i] += d;
        tf.tidy(() => v.assign(tf.tensor(shifted, v.shape)));
        return lossOf(p, x, y, 6).dataSync()[0];
      };
      const fd = (at(h) - at(-h)) / (2 * h); // central difference, O(h^2) truncation
      tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
      expect(Math.abs(grads[v.name].dataSync()[i] - fd)).toBeLessThan(2e-3 + 0.05 * Math.abs(fd));
    }
    tf.dispose([x, ...Object.values(grads)]);
    disposeParams(p);
  });

  it('fits a fixed batch (loss falls below half its start within 40 steps)', () => {
    const p = tinyParams(6);
    const opt = tf.train.adam(3e-2);
    const { x, y } = randomBatch(8, 5, 6, 3);
    const first = lossOf(p, x, y, 6).dataSync()[0];
    let last = first;
    for (let i = 0; i < 40; i++) last = trainStep(p, opt, { x, y, length: 6 }, { eps: 1, mode: 'greedy', rng: createRng(i) }, 5)['loss/ce'];
    expect(last).toBeLessThan(first / 2);
    tf.dispose([x]);
    opt.dispose();
    disposeParams(p);
  });
});
