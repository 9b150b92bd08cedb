import { describe, expect, it } from 'vitest';
import type { SampleFile } from './run-dir.js';
import { latestSample, selectSamples } from './samples.js';

const at = (step: number, label = ''): SampleFile => ({ step, label, kind: 'image', path: `/x/step-${step}${label}.png` });

describe('selectSamples', () => {
  it('basic: the latest step plus evenly spread earlier steps', () => {
    // Earlier steps 0..800 by 100 (9 of them); 3 picks at indices round(i * 8 / 2) = 0, 4, 8.
    const all = Array.from({ length: 10 }, (_, i) => at(i * 100));
    expect(selectSamples(all, 3).map((s) => s.step)).toEqual([0, 400, 800, 900]);
  });

  it('keeps every file of a picked step', () => {
    const all = [at(0), at(10), at(10, '-ema')];
    expect(selectSamples(all, 0).map((s) => s.path)).toEqual(['/x/step-10.png', '/x/step-10-ema.png']);
  });

  it('fewer steps than asked gives all; one earlier pick is the step just before the latest', () => {
    expect(selectSamples([at(0), at(5)], 3).map((s) => s.step)).toEqual([0, 5]);
    expect(selectSamples([at(0), at(5), at(9)], 1).map((s) => s.step)).toEqual([5, 9]);
    expect(selectSamples([], 3)).toEqual([]);
  });

  it('latestSample: the last file of the highest step', () => {
    expect(latestSample([at(0), at(10), at(10, '-ema')])?.path).toBe('/x/step-10-ema.png');
    expect(latestSample([])).toBeUndefined();
  });
});
