/** Mean, spread and a 95% confidence interval of the mean (Student's t, n - 1 degrees of freedom). */

/** t_{0.975, df} for df = 1..30 (two-sided 95%); beyond 30 the normal 1.96 is within 2%. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export const tQuantile975 = (df: number): number => (df < 1 ? Number.NaN : df <= 30 ? T975[df - 1] : 1.96);

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1). */
  std: number;
  /** Half-width of the 95% interval of the mean: t x std / sqrt(n) (NaN for one value). */
  ci95: number;
  min: number;
  max: number;
}

export function summarise(values: readonly number[]): Summary {
  const xs = values.filter(Number.isFinite);
  const n = xs.length;
  if (n === 0) return { n, mean: Number.NaN, std: Number.NaN, ci95: Number.NaN, min: Number.NaN, max: Number.NaN };
  const mean = xs.reduce((s, v) => s + v, 0) / n;
  const std = n > 1 ? Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : Number.NaN;
  return { n, mean, std, ci95: n > 1 ? (tQuantile975(n - 1) * std) / Math.sqrt(n) : Number.NaN, min: Math.min(...xs), max: Math.max(...xs) };
}

/** Wilson's 95% interval of a proportion k / n (Wilson 1927), [lo, hi]. */
export function wilson95(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959964;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
