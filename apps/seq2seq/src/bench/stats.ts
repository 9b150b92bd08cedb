/** Summary statistics for the benchmark table: mean, sample standard deviation, range. */

export interface Summary {
  n: number;
  mean: number;
  /** sample standard deviation (n - 1 in the denominator); 0 for one value */
  sd: number;
  min: number;
  max: number;
}

export function summarize(values: number[]): Summary {
  const n = values.length;
  if (n === 0) throw new Error('summarize: no values');
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { n, mean, sd, min: Math.min(...values), max: Math.max(...values) };
}

/** "97.12 ± 0.40" in percent. */
export const pct = (s: Summary, digits = 2): string => `${(100 * s.mean).toFixed(digits)} ± ${(100 * s.sd).toFixed(digits)}`;
