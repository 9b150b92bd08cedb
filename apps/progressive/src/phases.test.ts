import { describe, expect, it } from 'vitest';
import { phaseAt, phaseOfStep, scheduleImages, stagesFor, stageStart, type GrowthSchedule } from './phases.js';

// 4 -> 8 -> 16 -> 32 with 100 images per fade-in and 50 per stabilisation:
// stage 0 [0, 50); stage 1 fade [50, 150) stable [150, 200); stage 2 fade [200, 300) stable [300, 350);
// stage 3 fade [350, 450) stable [450, 500).
const s: GrowthSchedule = { stages: 4, fadeImages: 100, stableImages: 50 };

describe('growth schedule', () => {
  it('stages: log2(res / 4) + 1; throws for non powers of two and below 8', () => {
    expect([8, 16, 32, 64].map(stagesFor)).toEqual([2, 3, 4, 5]);
    expect(() => stagesFor(24)).toThrow(/power of two/);
    expect(() => stagesFor(4)).toThrow(/>= 8/);
  });

  it('images: 50 + 3 x (100 + 50) = 500; stage k starts its fade at 50 + (k - 1) x 150', () => {
    expect(scheduleImages(s)).toBe(500);
    expect([1, 2, 3].map((k) => stageStart(s, k))).toEqual([50, 200, 350]);
  });

  it('phase at the boundaries: resolution, alpha, fading, segment', () => {
    expect(phaseAt(s, 0)).toEqual({ stage: 0, resolution: 4, alpha: 1, fading: false, segment: 0 });
    expect(phaseAt(s, 49)).toEqual({ stage: 0, resolution: 4, alpha: 1, fading: false, segment: 0 });
    expect(phaseAt(s, 50)).toEqual({ stage: 1, resolution: 8, alpha: 0, fading: true, segment: 1 });
    expect(phaseAt(s, 125)).toEqual({ stage: 1, resolution: 8, alpha: 0.75, fading: true, segment: 1 });
    expect(phaseAt(s, 150)).toEqual({ stage: 1, resolution: 8, alpha: 1, fading: false, segment: 2 });
    expect(phaseAt(s, 199)).toMatchObject({ stage: 1, alpha: 1, segment: 2 });
    expect(phaseAt(s, 200)).toMatchObject({ stage: 2, resolution: 16, alpha: 0, segment: 3 });
    expect(phaseAt(s, 350)).toMatchObject({ stage: 3, resolution: 32, alpha: 0, segment: 5 });
    expect(phaseAt(s, 449)).toMatchObject({ stage: 3, alpha: 0.99, fading: true, segment: 5 });
    expect(phaseAt(s, 450)).toMatchObject({ stage: 3, alpha: 1, fading: false, segment: 6 });
  });

  it('after the schedule the run stays at the final resolution, alpha 1', () => {
    expect(phaseAt(s, 10_000)).toEqual({ stage: 3, resolution: 32, alpha: 1, fading: false, segment: 6 });
  });

  it('fadeImages 0: each stage switches in at once', () => {
    const snap = { stages: 3, fadeImages: 0, stableImages: 10 };
    expect(phaseAt(snap, 9)).toMatchObject({ stage: 0 });
    expect(phaseAt(snap, 10)).toMatchObject({ stage: 1, alpha: 1, fading: false, segment: 2 });
    expect(phaseAt(snap, 20)).toMatchObject({ stage: 2, alpha: 1 });
  });

  it('baseline: the last stage at alpha 1 from the first image', () => {
    expect(phaseAt({ ...s, baseline: true }, 0)).toEqual({ stage: 3, resolution: 32, alpha: 1, fading: false, segment: 0 });
  });

  it('step t sees (t - 1) x batch images before it', () => {
    expect(phaseOfStep(s, 1, 10)).toMatchObject({ stage: 0 });
    expect(phaseOfStep(s, 6, 10)).toMatchObject({ stage: 1, alpha: 0 }); // 50 images
    expect(phaseOfStep(s, 11, 10)).toMatchObject({ stage: 1, alpha: 0.5, segment: 1 }); // 100 images: (100 - 50) / 100
  });
});
