/**
 * Label agreement of a class-conditional generator: the share of samples a classifier assigns to
 * the class they were generated for (argmax of its probabilities = the conditioning label).
 */
import { rowArgmax } from './class-coverage.js';

/**
 * @param probs [n, k] row-major class probabilities
 * @param labels [n] conditioning labels in 0..k-1
 */
export function labelAgreement(probs: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  const n = labels.length;
  if (n === 0) throw new Error('labelAgreement: no samples');
  if (probs.length !== n * k) throw new Error(`labelAgreement: expected ${n * k} values for [${n}, ${k}], got ${probs.length}`);
  let agree = 0;
  for (let i = 0; i < n; i++) if (rowArgmax(probs, i, k) === labels[i]) agree++;
  return agree / n;
}
