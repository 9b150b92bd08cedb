/** Double backprop through a critic, as a gradient penalty needs it. */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';

/** P(weights) = sum(grad_x sum(critic(x))^2): the core of WGAN-GP / R1. */
export function penalty(critic: LayersModel, x: tf.Tensor): tf.Scalar {
  const gradX = tf.grad((input: tf.Tensor) => tf.sum(critic.apply(input) as tf.Tensor))(x);
  return tf.sum(tf.square(gradX));
}

/**
 * Runs tf.variableGrads of the penalty (which must not throw) and expects every gradient finite.
 * Then checks d P / d w for the entry of the LAST kernel (the output layer's) with the largest
 * gradient against a central difference. P is exactly quadratic in that kernel (it sits after every
 * nonlinearity, so moving it crosses no LeakyReLU kink), so the central difference is exact up to
 * float32 rounding, yet dP/dw = 2 J J^T w needs the second-order path through every layer.
 */
export function checkPenaltyGradient(critic: LayersModel, x: tf.Tensor, h = 1e-3): void {
  const { value, grads } = tf.variableGrads(() => penalty(critic, x));
  expect(Number.isFinite(value.dataSync()[0])).toBe(true);
  for (const g of Object.values(grads)) expect(g.dataSync().every(Number.isFinite)).toBe(true);
  const kernels = critic.trainableWeights.filter((w) => w.shape.length >= 2);
  const kernel = kernels[kernels.length - 1];
  const analytic = Array.from(grads[kernel.name].dataSync()); // variableGrads keys by the tf.Variable's unique name
  const i = analytic.reduce((best, g, k) => (Math.abs(g) > Math.abs(analytic[best]) ? k : best), 0);
  const original = Array.from(kernel.read().dataSync());
  const shape = kernel.shape as number[];
  const at = (delta: number): number => {
    const moved = original.slice();
    moved[i] += delta;
    tf.tidy(() => {
      kernel.write(tf.tensor(moved, shape));
    });
    return tf.tidy(() => penalty(critic, x).dataSync()[0]);
  };
  const numeric = (at(h) - at(-h)) / (2 * h);
  tf.tidy(() => {
    kernel.write(tf.tensor(original, shape));
  });
  expect(Math.abs(analytic[i])).toBeGreaterThan(0);
  expect(Math.abs(analytic[i] - numeric)).toBeLessThanOrEqual(1e-2 * Math.abs(analytic[i]));
  tf.dispose([value, ...Object.values(grads)]);
}
