import { describe, expect, it } from 'vitest';
import { leakDecay } from './leak.js';

describe('leakDecay', () => {
  it('basic: max(alphaMin, alpha0 * decay^t)', () => {
    const s = leakDecay({ alpha0: 0.2, alphaMin: 0.01, decay: 0.9 });
    expect(s(0)).toBe(0.2);
    expect(s(1)).toBeCloseTo(0.18, 15); // 0.2 * 0.9
    expect(s(2)).toBeCloseTo(0.162, 15); // 0.2 * 0.81
    expect(s(10)).toBeCloseTo(0.2 * 0.3486784401, 12); // 0.9^10 = 0.3486784401
    // Saturation step: ceil(ln(0.05) / ln(0.9)) = ceil(28.433...) = 29.
    expect(s(28)).toBeCloseTo(0.2 * 0.9 ** 28, 15); // 0.01046... > 0.01
    expect(s(28)).toBeGreaterThan(0.01);
    expect(s(29)).toBe(0.01);
    expect(s(1000)).toBe(0.01);
  });

  it('throws when decay is outside (0, 1] or alpha0 < alphaMin', () => {
    expect(() => leakDecay({ alpha0: 0.2, alphaMin: 0, decay: 1.5 })).toThrow(/leakDecay: decay must be in \(0, 1\], got 1.5/);
    expect(() => leakDecay({ alpha0: 0.2, alphaMin: 0, decay: 0 })).toThrow(/decay must be in/);
    expect(() => leakDecay({ alpha0: 0.1, alphaMin: 0.2, decay: 0.9 })).toThrow(/alpha0 \(0.1\) must be >= alphaMin \(0.2\)/);
    expect(() => leakDecay({ alpha0: 0.1, alphaMin: -0.1, decay: 0.9 })).toThrow(/alphaMin must be a finite number >= 0/);
  });
});
