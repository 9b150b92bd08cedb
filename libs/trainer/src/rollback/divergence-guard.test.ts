import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '@stablegen/backend';
import { divergenceGuard } from './divergence-guard.js';

beforeAll(() => initBackend('cpu', { log: () => undefined }));

function dense() {
  return tfl.sequential({ layers: [tfl.layers.dense({ name: 'd', inputShape: [2], units: 2 })] });
}

describe('divergenceGuard', () => {
  const info = (step: number, metrics: Record<string, number>, model = dense()) => ({ step, models: { model }, metrics });

  test('basic: passes healthy steps, asks for a rollback on a NaN metric, and carries its policy', () => {
    const guard = divergenceGuard<{ model: tfl.LayersModel }>({ lrFactor: 0.25, maxRollbacks: 2 });
    expect(guard.guard).toEqual({ lrFactor: 0.25, maxRollbacks: 2 });
    expect(guard.onStepEnd(info(1, { loss: 0.3 }))).toBeUndefined();
    expect(guard.onStepEnd(info(2, { loss: Number.NaN }))).toEqual({ action: 'rollback', reason: 'loss is NaN' });
  });

  test('non-finite weights with finite metrics ask for a rollback, on the steps that check', () => {
    const guard = divergenceGuard<{ model: tfl.LayersModel }>({ weights: (m) => m.model.weights, checkWeightsEvery: 2 });
    const model = dense();
    model.weights[0].write(tf.fill([2, 2], Number.NaN));
    expect(guard.onStepEnd(info(3, { loss: 1 }, model))).toBeUndefined(); // 3 is not a multiple of 2
    expect(guard.onStepEnd(info(4, { loss: 1 }, model))).toEqual({ action: 'rollback', reason: `non-finite weights: ${model.weights[0].name}` });
  });

  test('blow-up of a watched loss asks for a rollback', () => {
    const guard = divergenceGuard({ blowUp: { keys: ['loss'], factor: 5, warmup: 3, window: 3 } });
    for (const [i, loss] of [1, 1, 1].entries()) expect(guard.onStepEnd(info(i + 1, { loss }))).toBeUndefined();
    expect(guard.onStepEnd(info(4, { loss: 6 }))?.reason).toBe('loss = 6 > 5 x median 1 of the last 3 steps');
  });

  test('throws when options are invalid', () => {
    expect(() => divergenceGuard({ lrFactor: 1 })).toThrow(/lrFactor must be in \(0, 1\), got 1/);
    expect(() => divergenceGuard({ maxRollbacks: -1 })).toThrow(/maxRollbacks must be an integer >= 0/);
    expect(() => divergenceGuard({ checkWeightsEvery: 0 })).toThrow(/checkWeightsEvery must be an integer >= 1/);
  });

  test('no leaked tensors when checking weights', async () => {
    const model = dense();
    const guard = divergenceGuard<{ model: tfl.LayersModel }>({ weights: (m) => m.model.weights });
    const before = tf.memory().numTensors;
    guard.onStepEnd({ step: 1, models: { model }, metrics: { loss: 1 } });
    expect(tf.memory().numTensors).toBe(before);
  });
});
