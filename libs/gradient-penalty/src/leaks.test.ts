import * as tf from '@tensorflow/tfjs-core';
import { expect, test } from 'vitest';
import { driftPenalty, inputGradientSquaredNorms, r1Penalty, r2Penalty, wganGradientPenalty } from './index.js';
import { penaltyAndGrads, useCpuBackend, variable } from './testing/float64.js';

useCpuBackend();

test('every exported function leaks no tensors (forward, and under variableGrads)', () => {
  const w = variable([0.8, -0.9, 0.6, 0.1], [4, 1]);
  const critic = (x: tf.Tensor) => tf.leakyRelu(tf.matMul(tf.reshape(x, [-1, 4]), w), 0.2); // [batch, 1]
  const r = tf.tensor(Array.from({ length: 12 }, (_, k) => Math.sin(k)), [3, 2, 2, 1]); // image-shaped
  const f = tf.tensor(Array.from({ length: 12 }, (_, k) => Math.cos(k)), [3, 2, 2, 1]);
  const everything = () => {
    for (const res of [
      wganGradientPenalty(critic, r, f, { seed: 1 }),
      wganGradientPenalty(critic, r, f, { seed: 1, oneSided: true }),
      r1Penalty(critic, r),
      r2Penalty(critic, f),
    ]) tf.dispose([res.penalty, res.gradNorm]);
    inputGradientSquaredNorms(critic, r).dispose();
    const scores = tf.tidy(() => critic(r));
    driftPenalty(scores).dispose();
    scores.dispose();
    penaltyAndGrads(() => wganGradientPenalty(critic, r, f, { seed: 2 }).penalty, [w]);
    penaltyAndGrads(() => r1Penalty(critic, r).penalty, [w]);
  };
  everything(); // warm-up: first calls may cache scalar constants in the backend
  const before = tf.memory().numTensors;
  everything();
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([w, r, f]);
});
