/**
 * Symmetric eigen-decomposition by ml-matrix's EigenvalueDecomposition (Householder
 * tridiagonalisation + QL, the EISPACK tred2/tql2 pair; float64). We use this maintained solver
 * rather than a hand-rolled one.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface SymmetricEigen {
  /** Eigenvalues [d], descending. */
  values: Float64Array;
  /** Eigenvectors, row-major [d, d]: column k belongs to values[k]; orthonormal. */
  vectors: Float64Array;
}

/** @param a symmetric [d, d], row-major */
export function symmetricEigen(a: ArrayLike<number>, d: number): SymmetricEigen {
  const m = new Matrix(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) m.set(i, j, a[i * d + j]);
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const order = evd.realEigenvalues.map((v, i) => [v, i] as const).sort((p, q) => q[0] - p[0]);
  const vm = evd.eigenvectorMatrix;
  const vectors = new Float64Array(d * d);
  order.forEach(([, src], k) => {
    for (let i = 0; i < d; i++) vectors[i * d + k] = vm.get(i, src);
  });
  return { values: Float64Array.from(order, ([v]) => v), vectors };
}

/**
 * Eigen-decomposition of a covariance that skips features with exactly zero variance: their rows
 * and columns of C are 0, so e_j is an eigenvector with eigenvalue 0, and the solver only sees
 * the [a, a] block of the others (MNIST: about 160 constant border pixels of 784, half the time).
 * @param cov symmetric positive semi-definite [d, d], row-major
 */
export function covarianceEigen(cov: ArrayLike<number>, d: number): SymmetricEigen {
  const active = Array.from({ length: d }, (_, j) => j).filter((j) => cov[j * d + j] > 0);
  const a = active.length;
  if (a === d) return symmetricEigen(cov, d);
  const block = new Float64Array(a * a);
  active.forEach((r, i) => active.forEach((c, j) => (block[i * a + j] = cov[r * d + c])));
  const sub = a > 0 ? symmetricEigen(block, a) : { values: new Float64Array(0), vectors: new Float64Array(0) };
  const values = new Float64Array(d); // the zero eigenvalues come last
  values.set(sub.values);
  const vectors = new Float64Array(d * d);
  active.forEach((r, i) => vectors.set(sub.vectors.subarray(i * a, i * a + a), r * d)); // row r, columns 0..a-1
  const constant = Array.from({ length: d }, (_, j) => j).filter((j) => !(cov[j * d + j] > 0));
  constant.forEach((j, t) => (vectors[j * d + a + t] = 1)); // column a + t = e_j
  return { values, vectors };
}

/**
 * Eigenvalues of a positive semi-definite matrix with float64 round-off removed: values below
 * d * 2^-52 * lambda_max (the backward-error size of tred2/tql2) are set to 0.
 */
export function clampRoundOff(values: ArrayLike<number>): number[] {
  const v = Array.from(values);
  const tol = v.length * Number.EPSILON * Math.max(0, ...v);
  return v.map((l) => (l <= tol ? 0 : l));
}

/** max / min of (eigen)values; Infinity when min <= 0 (singular). */
export function conditionNumber(values: ArrayLike<number>): number {
  const v = Array.from(values);
  const [lo, hi] = [Math.min(...v), Math.max(...v)];
  return lo > 0 ? hi / lo : Number.POSITIVE_INFINITY;
}
