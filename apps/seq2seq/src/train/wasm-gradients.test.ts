// About the wasm backend: the model's gradients (embedding lookups included) there match cpu.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { describe, expect, it } from 'vitest';
import { disposeParams, paramList } from '../model/params.js';
import { randomBatch, tinyParams } from '../testing/tiny-model.js';
import { maskedCrossEntropy } from './loss.js';
import { timeMajorTargets } from '../step.js';
import { unrollDecoder } from './unroll.js';

/** Every weight's gradient of the teacher-forced loss on a fixed batch, on the current backend. */
function gradients(): Float32Array[] {
  const p = tinyParams(12);
  const { x, y } = randomBatch(6, 7, 6, 5);
  const { value, grads } = tf.variableGrads(() => maskedCrossEntropy(unrollDecoder(p, x, y, 6).logits, timeMajorTargets(y, 6, 6)), paramList(p));
  const out = paramList(p).map((v) => grads[v.name].dataSync() as Float32Array);
  tf.dispose([x, value, ...Object.values(grads)]);
  disposeParams(p);
  return out;
}

describe('gradients on wasm', () => {
  it('match the cpu backend for every weight', async () => {
    await initBackend('cpu', { log: () => {} });
    const cpu = gradients();
    await initBackend('wasm', { log: () => {} });
    const wasm = gradients();
    cpu.forEach((g, i) => g.forEach((v, j) => expect(Math.abs(wasm[i][j] - v)).toBeLessThan(1e-5 + 1e-4 * Math.abs(v))));
    expect(cpu[0].some((v) => v !== 0)).toBe(true); // the embedding gets a gradient
  });
});
