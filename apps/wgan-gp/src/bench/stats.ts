/** Mean and spread of a metric over the seeds of a bench. */

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1 in the denominator); 0 for a single value. */
  std: number;
  min: number;
  max: number;
}

/** Summary of the finite values (NaN / missing runs are left out; n says how many counted). */
export function summarise(values: readonly number[]): Summary {
  const xs = values.filter(Number.isFinite);
  const n = xs.length;
  if (n === 0) return { n, mean: NaN, std: NaN, min: NaN, max: NaN };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const ss = xs.reduce((s, x) => s + (x - mean) ** 2, 0);
  return { n, mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, min: Math.min(...xs), max: Math.max(...xs) };
}

/** One summary per key over runs (keys in first-seen order). */
export function summariseRuns(runs: readonly Record<string, number>[]): Record<string, Summary> {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(keys.map((k) => [k, summarise(runs.map((r) => r[k] ?? NaN))]));
}
