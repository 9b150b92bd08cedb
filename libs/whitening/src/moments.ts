/**
 * Sample mean and covariance in float64 plain JS (no cancellation from float32 accumulation, so
 * small eigenvalues and condition numbers stay meaningful).
 */

/** Rows per block in the covariance loop: each pass over C then serves this many rows. */
const BLOCK = 4;

/** Column means of x [n, d] (row-major). */
export function columnMeans(x: ArrayLike<number>, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] += x[r * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  return mean;
}

/** Row r of x minus the mean, into out [d]. */
function centredRow(x: ArrayLike<number>, r: number, mean: Float64Array, out: Float64Array): void {
  const d = mean.length;
  for (let j = 0; j < d; j++) out[j] = x[r * d + j] - mean[j];
}

/** Adds sum_k rows[k]^T rows[k] to the upper triangle of c [d, d]. */
function accumulate(c: Float64Array, rows: Float64Array[], d: number): void {
  const [a, b, e, f] = rows;
  for (let i = 0; i < d; i++) {
    const base = i * d;
    if (rows.length === BLOCK) {
      const [ai, bi, ei, fi] = [a[i], b[i], e[i], f[i]];
      for (let j = i; j < d; j++) c[base + j] += ai * a[j] + bi * b[j] + ei * e[j] + fi * f[j];
    } else {
      for (const row of rows) for (let j = i; j < d; j++) c[base + j] += row[i] * row[j];
    }
  }
}

/**
 * Unbiased sample covariance (divides by n - 1).
 * @param x rows [n, d], row-major, n >= 2
 * @returns mean [d] and covariance [d, d] (row-major, symmetric)
 */
export function sampleMoments(x: ArrayLike<number>, n: number, d: number): { mean: Float64Array; cov: Float64Array } {
  if (n < 2) throw new Error(`sampleMoments: need at least 2 rows, got ${n}`);
  const mean = columnMeans(x, n, d);
  const cov = new Float64Array(d * d);
  const rows = Array.from({ length: BLOCK }, () => new Float64Array(d));
  for (let r = 0; r < n; r += BLOCK) {
    const k = Math.min(BLOCK, n - r);
    for (let t = 0; t < k; t++) centredRow(x, r + t, mean, rows[t]);
    accumulate(cov, rows.slice(0, k), d);
  }
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const v = cov[i * d + j] / (n - 1);
      cov[i * d + j] = v;
      cov[j * d + i] = v;
    }
  }
  return { mean, cov };
}
