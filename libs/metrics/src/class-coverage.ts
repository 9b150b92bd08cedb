/**
 * Class coverage of generated images, judged by a classifier: the share of samples predicted as
 * each class, how many classes hold at least `minShare` (5%) of them, and the share of confident
 * samples (max probability >= `confidence`, 0.9).
 */
export interface ClassCoverage {
  /** shares[k] = fraction of samples whose argmax is k. */
  shares: number[];
  /** Number of classes with share >= minShare. */
  classesCovered: number;
  /** Fraction of samples whose top probability is >= confidence. */
  confidentShare: number;
}

/** The class of row `i` of row-major [n, k] probabilities: the first index of its largest value. */
export function rowArgmax(probs: ArrayLike<number>, i: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + best]) best = c;
  return best;
}

/**
 * @param probs [n, k] row-major class probabilities
 */
export function classCoverage(probs: ArrayLike<number>, n: number, k: number, minShare = 0.05, confidence = 0.9): ClassCoverage {
  if (probs.length !== n * k) throw new Error(`classCoverage: expected ${n * k} values for [${n}, ${k}], got ${probs.length}`);
  const counts = new Array<number>(k).fill(0);
  let confident = 0;
  for (let i = 0; i < n; i++) {
    const best = rowArgmax(probs, i, k);
    counts[best]++;
    if (probs[i * k + best] >= confidence) confident++;
  }
  const shares = counts.map((c) => c / n);
  return { shares, classesCovered: shares.filter((s) => s >= minShare).length, confidentShare: confident / n };
}
