/** Plain-JS float64 references for the tests: the formulas of gan-losses.ts and stable.ts. */
import { expect } from 'vitest';

/** softplus(x) = log(1 + e^x), written so that float64 exp never overflows. */
export const sp = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
/** sigmoid(x) = 1 / (1 + e^-x); exact limits 0 and 1 at -+Infinity. */
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
export const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;

/** |got - want| <= rel * max(1, |want|): relative for large values, absolute near 0. */
export function expectClose(got: number, want: number, rel = 1e-5): void {
  expect(Number.isFinite(got)).toBe(true);
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(want)));
}
