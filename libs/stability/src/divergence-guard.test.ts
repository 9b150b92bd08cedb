import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { divergenceGuard } from './divergence-guard.js';
import { nonFiniteWeights } from './finite-weights.js';
import { expectNoLeak, useCpu } from '../test/helpers.js';

beforeAll(useCpu);

function dense() {
  return tfl.sequential({ layers: [tfl.layers.dense({ name: 'd', inputShape: [2], units: 2 })] });
}

describe('nonFiniteWeights', () => {
  test('names the weights holding NaN or Inf', () => {
    const model = dense();
    expect(nonFiniteWeights(model.weights)).toEqual([]);
    model.weights[1].write(tf.tensor1d([0, Number.NEGATIVE_INFINITY]));
    const [kernel, bias] = model.weights.map((w) => w.name); // 'd/kernel', 'd/bias' (+ a suffix if 'd' was used before)
    expect(nonFiniteWeights(model.weights)).toEqual([bias]);
    model.weights[0].write(tf.tensor2d([[1, Number.NaN], [0, 0]]));
    expect(nonFiniteWeights(model.weights)).toEqual([kernel, bias]);
  });

  test('no leaked tensors', async () => {
    const model = dense();
    await expectNoLeak(() => void nonFiniteWeights(model.weights));
  });
});

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
    await expectNoLeak(() => void guard.onStepEnd({ step: 1, models: { model }, metrics: { loss: 1 } }));
  });
});
