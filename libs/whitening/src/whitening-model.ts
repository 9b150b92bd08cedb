/**
 * A fitted whitening as plain data: `JSON.stringify` it into a run directory and read it back with
 * `parseWhitening`. One fit serves both PCA and ZCA (they share mu, lambda and V).
 */
import { conditionNumber } from './eigen.js';

export interface Whitening {
  format: 'stablegen-whitening/1';
  /** Shrinkage: the whitening inverts C + epsilon I. */
  epsilon: number;
  /** Shape of one example, e.g. [28, 28, 1]; d = its product. */
  exampleShape: number[];
  /** Number of rows fitted. */
  n: number;
  /** Sample mean [d]. */
  mean: number[];
  /** Eigenvalues of the sample covariance C [d], descending; round-off level values (< d 2^-52 lambda_max) are 0. */
  eigenvalues: number[];
  /** Eigenvectors V, row-major [d, d]; column k belongs to eigenvalues[k]. */
  eigenvectors: number[];
}

export interface WhiteningConditions {
  /** lambda_max / lambda_min of C (Infinity when C is singular). */
  before: number;
  /** (lambda_max + eps) / (lambda_min + eps): the matrix the whitening inverts. */
  shrunk: number;
  /**
   * Of the whitened fitting sample's covariance, whose eigenvalues are lambda / (lambda + eps):
   * ~1 when eps << lambda_min; Infinity when a direction has no variance (it cannot be whitened).
   */
  after: number;
}

/** Condition numbers of the covariance before and after whitening (from the fit alone). */
export function whiteningConditions(w: Whitening): WhiteningConditions {
  const lambda = w.eigenvalues;
  return {
    before: conditionNumber(lambda),
    shrunk: conditionNumber(lambda.map((l) => l + w.epsilon)),
    after: conditionNumber(lambda.map((l) => l / (l + w.epsilon))),
  };
}

const isNumbers = (a: unknown, length: number): a is number[] =>
  Array.isArray(a) && a.length === length && a.every((v) => typeof v === 'number' && Number.isFinite(v));

/** Checks a parsed JSON value (or JSON text) and returns it as a Whitening; throws naming the fault. */
export function parseWhitening(json: unknown): Whitening {
  const w = (typeof json === 'string' ? JSON.parse(json) : json) as Whitening | null;
  const problem = whiteningProblem(w);
  if (problem) throw new Error(`parseWhitening: ${problem}; refit, or restore the file the run saved`);
  return w as Whitening;
}

/** What is wrong with a candidate Whitening, or undefined. */
function whiteningProblem(w: Whitening | null): string | undefined {
  if (!w || w.format !== 'stablegen-whitening/1') return `not a whitening file (format ${JSON.stringify(w?.format)})`;
  const shape = w.exampleShape;
  if (!Array.isArray(shape) || !shape.every((s) => Number.isInteger(s) && s > 0)) return 'exampleShape must be positive integers';
  const d = shape.reduce((a, b) => a * b, 1);
  if (!(typeof w.epsilon === 'number' && w.epsilon >= 0)) return 'epsilon must be a number >= 0';
  if (!isNumbers(w.mean, d)) return `mean must hold ${d} finite numbers`;
  if (!isNumbers(w.eigenvalues, d) || w.eigenvalues.some((l) => l < 0)) return `eigenvalues must hold ${d} numbers >= 0`;
  if (!isNumbers(w.eigenvectors, d * d)) return `eigenvectors must hold ${d * d} finite numbers`;
  if (w.eigenvalues[d - 1] + w.epsilon <= 0) return 'epsilon must be > 0 for a singular covariance';
  return undefined;
}
