/**
 * Float64 references for the tests (not part of the build), independent of ml-matrix: the naive
 * two-pass covariance and the cyclic Jacobi eigenvalue algorithm (Golub & Van Loan, sec. 8.5).
 */

/** Unbiased covariance [d][d] of rows x [n, d] (row-major), straight from the definition. */
export function naiveCovariance(x: ArrayLike<number>, n: number, d: number): number[][] {
  const mean = Array.from({ length: d }, (_, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i * d + j];
    return s / n;
  });
  return Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, b) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += (x[i * d + a] - mean[a]) * (x[i * d + b] - mean[b]);
      return s / (n - 1);
    }),
  );
}

/** Rotates rows/columns p, q of a and columns of v to zero a[p][q]. */
function rotate(a: number[][], v: number[][], p: number, q: number): void {
  const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (const m of [a, v]) {
    for (const row of m) {
      const [rp, rq] = [row[p], row[q]];
      row[p] = c * rp - s * rq;
      row[q] = s * rp + c * rq;
    }
  }
  for (let k = 0; k < a.length; k++) {
    const [ap, aq] = [a[p][k], a[q][k]];
    a[p][k] = c * ap - s * aq;
    a[q][k] = s * ap + c * aq;
  }
}

/** Eigenvalues (descending) and eigenvectors (vectors[k] = k-th, unit) of a symmetric matrix. */
export function jacobiEigen(sym: number[][]): { values: number[]; vectors: number[][] } {
  const d = sym.length;
  const a = sym.map((r) => [...r]);
  const v = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p][q] ** 2;
    if (off < 1e-30 * a.reduce((s, r, i) => s + r[i] ** 2, 0)) break;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) if (a[p][q] !== 0) rotate(a, v, p, q);
  }
  const order = a.map((r, i) => [r[i], i]).sort((x, y) => y[0] - x[0]);
  return { values: order.map(([l]) => l), vectors: order.map(([, i]) => v.map((row) => row[i])) };
}

/** Correlated Gaussian rows x = mu + A z, z ~ N(0, I) (population covariance A A^T). */
export function mixedSample(n: number, a: number[][], mu: number[], normal: () => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = a[0].map(() => normal());
    out.push(...a.map((row, r) => row.reduce((s, x, k) => s + x * z[k], 0) + mu[r]));
  }
  return out;
}
