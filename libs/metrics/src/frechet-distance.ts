/**
 * Frechet distance between two Gaussians fitted to feature sets (Heusel et al. 2017, the FID
 * formula): FD = ||mu1 - mu2||^2 + Tr(S1) + Tr(S2) - 2 Tr((S1 S2)^(1/2)).
 * Computed in float64 with ml-matrix; Tr((S1 S2)^(1/2)) = sum sqrt(eig(S1^(1/2) S2 S1^(1/2))),
 * which is symmetric PSD, so a symmetric eigen-decomposition suffices.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface GaussianStats {
  mean: Float64Array;
  /** Row-major [d, d] sample covariance (divisor n - 1). */
  cov: Float64Array;
  dim: number;
}

/**
 * @param features [n, d] row-major
 */
export function gaussianStats(features: ArrayLike<number>, n: number, d: number): GaussianStats {
  if (n < 2) throw new Error(`gaussianStats: need at least 2 samples, got ${n}`);
  if (features.length !== n * d) throw new Error(`gaussianStats: expected ${n * d} values for [${n}, ${d}], got ${features.length}`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += features[i * d + j] / n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = features[i * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ra = row[a] / (n - 1);
      for (let b = a; b < d; b++) cov[a * d + b] += ra * row[b];
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[a * d + b] = cov[b * d + a];
  return { mean, cov, dim: d };
}

const toMatrix = (values: Float64Array, d: number): Matrix => new Matrix(Array.from({ length: d }, (_, i) => Array.from(values.subarray(i * d, (i + 1) * d))));

/** Symmetric PSD square root via eigen-decomposition (negative round-off eigenvalues clamped to 0). */
function sqrtPsd(m: Matrix): Matrix {
  const eig = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const v = eig.eigenvectorMatrix;
  const roots = eig.realEigenvalues.map((l) => Math.sqrt(Math.max(l, 0)));
  return v.mmul(Matrix.diag(roots)).mmul(v.transpose());
}

export function frechetDistance(a: GaussianStats, b: GaussianStats): number {
  if (a.dim !== b.dim) throw new Error(`frechetDistance: dimensions differ (${a.dim} vs ${b.dim})`);
  const d = a.dim;
  let meanTerm = 0;
  for (let j = 0; j < d; j++) meanTerm += (a.mean[j] - b.mean[j]) ** 2;
  const s1 = toMatrix(a.cov, d);
  const s2 = toMatrix(b.cov, d);
  const root1 = sqrtPsd(s1);
  const inner = root1.mmul(s2).mmul(root1);
  const innerSym = inner.add(inner.transpose()).div(2); // remove round-off asymmetry
  const eig = new EigenvalueDecomposition(innerSym, { assumeSymmetric: true });
  const traceSqrt = eig.realEigenvalues.reduce((s, l) => s + Math.sqrt(Math.max(l, 0)), 0);
  const fd = meanTerm + s1.trace() + s2.trace() - 2 * traceSqrt;
  return Math.max(fd, 0);
}
