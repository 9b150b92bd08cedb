/**
 * The 2-D Gaussian mixtures of the PacGAN protocol (Lin et al. 2018, "PacGAN: The power of two
 * samples in generative adversarial networks", section 5.1, after Metz et al. 2017 and
 * Srivastava et al. 2017): a ring of 8 modes at (cos 2*pi*i/8, sin 2*pi*i/8) with std 0.01, and a
 * 5x5 grid of 25 modes at {-4, -2, 0, 2, 4}^2 with std 0.05. Modes are equally likely. The centres
 * and std are exported so that mode-coverage metrics use the same numbers.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '@stablegen/random';
import { requireInt } from '../errors.js';
import type { ArrayField, InMemoryDataset } from '../in-memory.js';

export interface MixtureSpec {
  name: 'ring8' | 'grid25';
  /** Mode centres [k][2]. */
  centres: readonly (readonly [number, number])[];
  /** Isotropic standard deviation of every mode. */
  std: number;
}

/** 8 modes on the unit circle, std 0.01. */
export const RING8: MixtureSpec = Object.freeze({
  name: 'ring8',
  centres: Object.freeze(
    Array.from({ length: 8 }, (_, i) => Object.freeze([Math.cos((2 * Math.PI * i) / 8), Math.sin((2 * Math.PI * i) / 8)] as const)),
  ),
  std: 0.01,
});

const GRID = [-4, -2, 0, 2, 4];
/** 25 modes on {-4, -2, 0, 2, 4}^2 (x-major order: (-4,-4), (-4,-2), ...), std 0.05. */
export const GRID25: MixtureSpec = Object.freeze({
  name: 'grid25',
  centres: Object.freeze(GRID.flatMap((x) => GRID.map((y) => Object.freeze([x, y] as const)))),
  std: 0.05,
});

export interface MixtureSample extends InMemoryDataset {
  /** [n, 2] float32 points. */
  x: ArrayField;
  /** [n] int32 index of the mode each point was drawn from. */
  y: ArrayField;
}

/** Draws `n` points: a uniform mode, then centre + std * N(0, I). `rng` may be a seed. */
export function sampleMixture(spec: MixtureSpec, n: number, rng: Rng | number): MixtureSample {
  requireInt('n', n, 1);
  const r = typeof rng === 'number' ? createRng(rng) : rng;
  const points = new Float32Array(n * 2);
  const modes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = r.int(spec.centres.length);
    modes[i] = k;
    points[2 * i] = spec.centres[k][0] + spec.std * r.normal();
    points[2 * i + 1] = spec.centres[k][1] + spec.std * r.normal();
  }
  return { x: { data: points, shape: [n, 2] }, y: { data: modes, shape: [n] } };
}

/**
 * A fresh batch of real points for a training step (an endless stream, no epochs).
 * @returns [batch, 2] float32
 */
export function sampleMixtureBatch(spec: MixtureSpec, batch: number, rng: Rng): tf.Tensor2D {
  return tf.tensor2d(sampleMixture(spec, batch, rng).x.data, [batch, 2]);
}
