import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '@stablegen/random';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRID25, type MixtureSpec, RING8, sampleMixture, sampleMixtureBatch } from './gaussian-mixtures.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('mixture specs', () => {
  it('ring8: centres (cos 2 pi i / 8, sin 2 pi i / 8), std 0.01 (PacGAN section 5.1)', () => {
    const h = Math.SQRT1_2; // cos 45 deg
    // prettier-ignore
    const expected = [[1, 0], [h, h], [0, 1], [-h, h], [-1, 0], [-h, -h], [0, -1], [h, -h]];
    expect(RING8.centres).toHaveLength(8);
    RING8.centres.forEach(([x, y], i) => {
      expect(Math.abs(x - expected[i][0])).toBeLessThan(1e-15);
      expect(Math.abs(y - expected[i][1])).toBeLessThan(1e-15);
    });
    expect(RING8.std).toBe(0.01);
  });

  it('grid25: centres {-4, -2, 0, 2, 4}^2, std 0.05', () => {
    const keys = new Set(GRID25.centres.map(([x, y]) => `${x},${y}`));
    expect(GRID25.centres).toHaveLength(25);
    for (const x of [-4, -2, 0, 2, 4]) for (const y of [-4, -2, 0, 2, 4]) expect(keys.has(`${x},${y}`)).toBe(true);
    expect(GRID25.std).toBe(0.05);
  });
});

/**
 * Per-mode statistics against the spec: count ~ Binomial(n, 1/k), mean ~ centre with standard error
 * std / sqrt(n_k), sample std ~ std with standard error std / sqrt(2 n_k) (normal theory). All
 * within 5 standard errors (a false failure has probability < 1e-5 per check).
 */
function checkModes(spec: MixtureSpec, n: number, seed: number): void {
  const { x, y } = sampleMixture(spec, n, seed);
  const k = spec.centres.length;
  const p = 1 / k;
  for (let m = 0; m < k; m++) {
    const pts: [number, number][] = [];
    for (let i = 0; i < n; i++) if (y.data[i] === m) pts.push([x.data[2 * i], x.data[2 * i + 1]]);
    const nk = pts.length;
    expect(Math.abs(nk - n * p)).toBeLessThan(5 * Math.sqrt(n * p * (1 - p)));
    for (const axis of [0, 1]) {
      const mean = pts.reduce((s, q) => s + q[axis], 0) / nk;
      const sd = Math.sqrt(pts.reduce((s, q) => s + (q[axis] - mean) ** 2, 0) / (nk - 1));
      expect(Math.abs(mean - spec.centres[m][axis])).toBeLessThan((5 * spec.std) / Math.sqrt(nk));
      expect(Math.abs(sd - spec.std)).toBeLessThan((5 * spec.std) / Math.sqrt(2 * nk));
    }
  }
}

describe('sampleMixture', () => {
  it('ring8: per-mode counts, means and stds match the spec', () => checkModes(RING8, 40_000, 1));
  it('grid25: per-mode counts, means and stds match the spec', () => checkModes(GRID25, 50_000, 2));

  it('is seeded: same seed same points, other seed other points', () => {
    const a = sampleMixture(GRID25, 100, 7);
    expect(Array.from(sampleMixture(GRID25, 100, 7).x.data)).toEqual(Array.from(a.x.data));
    expect(Array.from(sampleMixture(GRID25, 100, 8).x.data)).not.toEqual(Array.from(a.x.data));
  });

  it('throws when n is not a positive integer', () => {
    expect(() => sampleMixture(RING8, 0, 1)).toThrow(/n must be an integer >= 1, got 0/);
  });
});

describe('sampleMixtureBatch', () => {
  it('basic: [batch, 2], continues the rng stream, no leak', () => {
    const rng = createRng(3);
    const before = tf.memory().numTensors;
    const a = sampleMixtureBatch(RING8, 16, rng);
    const b = sampleMixtureBatch(RING8, 16, rng);
    expect(a.shape).toEqual([16, 2]);
    // Two draws from one stream differ; the first equals a fresh stream's first 16 points.
    expect(Array.from(a.dataSync())).not.toEqual(Array.from(b.dataSync()));
    expect(Array.from(a.dataSync())).toEqual(Array.from(sampleMixture(RING8, 16, 3).x.data));
    a.dispose();
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
