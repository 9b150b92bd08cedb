import { describe, expect, test } from 'vitest';
import { classCoverage } from './class-coverage.js';
import { labelAgreement } from './label-agreement.js';
import { modeCoverage } from './mode-coverage.js';

const ring = Array.from({ length: 8 }, (_, i) => [Math.cos((2 * Math.PI * i) / 8), Math.sin((2 * Math.PI * i) / 8)] as const);

describe('classCoverage', () => {
  test('shares, classes over 5% and confident share on a hand-made case', () => {
    // 4 samples, 3 classes: argmax 0 (p .95), 0 (p .6), 2 (p .91), 1 (p .5)
    const probs = [0.95, 0.03, 0.02, 0.6, 0.3, 0.1, 0.04, 0.05, 0.91, 0.2, 0.5, 0.3];
    expect(classCoverage(probs, 4, 3)).toEqual({ shares: [0.5, 0.25, 0.25], classesCovered: 3, confidentShare: 0.5 });
  });

  test('a class under 5% does not count', () => {
    const probs: number[] = [];
    for (let i = 0; i < 100; i++) probs.push(...(i < 96 ? [1, 0] : [0, 1])); // class 1 holds 4%
    expect(classCoverage(probs, 100, 2).classesCovered).toBe(1);
  });
});

describe('labelAgreement', () => {
  test('share of rows whose argmax is their label, on a hand-made case; ties go to the lower class', () => {
    // argmax 0, 0, 2, 1, and a tie between 0 and 1 (-> 0)
    const probs = [0.95, 0.03, 0.02, 0.6, 0.3, 0.1, 0.04, 0.05, 0.91, 0.2, 0.5, 0.3, 0.4, 0.4, 0.2];
    expect(labelAgreement(probs, [0, 1, 2, 1, 0], 3)).toBe(4 / 5);
    expect(labelAgreement(probs, [1, 1, 2, 1, 1], 3)).toBe(2 / 5);
  });

  test('shapes that do not match and empty input are errors', () => {
    expect(() => labelAgreement([0.5, 0.5], [0, 1], 2)).toThrow('expected 4 values for [2, 2], got 2');
    expect(() => labelAgreement([], [], 2)).toThrow('no samples');
  });
});

describe('modeCoverage (PacGAN protocol)', () => {
  test('a generator that outputs one mode covers 1 mode, with reverse KL log K', () => {
    const samples = Array.from({ length: 2500 }, () => [1, 0]).flat();
    const r = modeCoverage(samples, ring, 0.01);
    expect(r.modesCovered).toBe(1);
    expect(r.hqShare).toBe(1);
    // p = (1, 0, ..., 0): sum p log(p K) = log 8
    expect(r.reverseKl).toBeCloseTo(Math.log(8), 12);
  });

  test('samples spread evenly on all modes: every mode covered, HQ 100%, reverse KL 0', () => {
    const samples = Array.from({ length: 2496 }, (_, i) => ring[i % 8]).flat();
    const r = modeCoverage(samples, ring, 0.01);
    expect(r).toMatchObject({ modesCovered: 8, hqShare: 1 });
    expect(r.reverseKl).toBeCloseTo(0, 12);
  });

  test('the 3-sigma boundary: 2.9 sigma is high quality, 3.1 sigma is not', () => {
    const r = modeCoverage([1 + 0.029, 0, 1 + 0.031, 0], ring, 0.01);
    expect(r.hqShare).toBe(0.5);
    expect(r.modesCovered).toBe(1);
    expect(r.counts[0]).toBe(2);
  });

  test('samples between modes are assigned but not high quality', () => {
    const r = modeCoverage([0, 0, 0, 0], ring, 0.01);
    expect(r).toMatchObject({ modesCovered: 0, hqShare: 0 });
  });

  test('throws on an empty or odd-length sample array', () => {
    expect(() => modeCoverage([], ring, 0.01)).toThrow(/non-empty/);
    expect(() => modeCoverage([1, 2, 3], ring, 0.01)).toThrow(/non-empty/);
  });
});
