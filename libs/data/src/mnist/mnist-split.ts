/**
 * Fixed, seeded, stratified train / held-out split. Each class is split in proportion to its size
 * (largest-remainder rounding, so the train split has exactly `trainSize` digits), which keeps the
 * class frequencies of both splits equal to the source's, up to rounding.
 */
import { createRng } from '@stablegen/random';
import { requireInt } from '../errors.js';

/** Default split seed: the split is the same on every machine unless a caller picks another. */
export const MNIST_SPLIT_SEED = 20180101;
/** Default train size out of the package's 10,000 digits; the other 2,000 are held out. */
export const MNIST_TRAIN_SIZE = 8000;

export interface IndexSplit {
  /** Source indices of the train digits, in a seeded shuffled order. */
  train: Int32Array;
  /** Source indices of the held-out digits, in a seeded shuffled order. */
  heldOut: Int32Array;
}

/** Splits indices 0..labels.length-1 into `trainSize` train and the rest held out, per class. */
export function stratifiedSplit(labels: ArrayLike<number>, trainSize: number, seed: number): IndexSplit {
  const n = labels.length;
  requireInt('trainSize', trainSize, 1, n - 1);
  const rng = createRng(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = byClass.get(labels[i]) ?? [];
    list.push(i);
    byClass.set(labels[i], list);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const quotas = largestRemainder(classes.map((c) => (byClass.get(c) as number[]).length), trainSize);
  const train: number[] = [];
  const heldOut: number[] = [];
  classes.forEach((c, k) => {
    const members = rng.shuffle([...(byClass.get(c) as number[])]);
    train.push(...members.slice(0, quotas[k]));
    heldOut.push(...members.slice(quotas[k]));
  });
  return { train: Int32Array.from(rng.shuffle(train)), heldOut: Int32Array.from(rng.shuffle(heldOut)) };
}

/** Integer quotas proportional to `counts` that sum to `total` (Hamilton's method). */
export function largestRemainder(counts: number[], total: number): number[] {
  const n = counts.reduce((a, b) => a + b, 0);
  const exact = counts.map((c) => (c * total) / n);
  const quotas = exact.map(Math.floor);
  let left = total - quotas.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    quotas[i] += 1;
  }
  return quotas;
}
