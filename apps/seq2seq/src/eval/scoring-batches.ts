/** The batches a split is scored in: rows ordered by input length, so each batch's encoder runs only as long as its longest input. */
import type * as tf from '@tensorflow/tfjs-core';
import { gatherRows, type InMemoryDataset } from '@stablegen/data';
import { inputLengths, trimmedRows } from '../data-batch.js';

export interface ScoringBatch {
  /** [rows, Tin] int32 inputs, trimmed to the batch's longest; disposed when the next batch is drawn */
  x: tf.Tensor2D;
  /** row-major [rows, steps + 1] targets, START first */
  y: Int32Array;
  /** y[:, 1:]: row-major [rows, steps], what decoder step j should predict */
  targets: Int32Array;
  rows: number;
}

/** y [n, L] rows of `data` in batches of `batchSize`, by input length (ties by index); `steps` = L - 1. */
export function* scoringBatches(data: InMemoryDataset, batchSize: number): Generator<ScoringBatch> {
  const [n, length] = (data.y as { shape: number[] }).shape;
  const lengths = inputLengths(data.x);
  const order = Int32Array.from(lengths.keys()).sort((a, b) => lengths[a] - lengths[b] || a - b);
  for (let start = 0; start < n; start += batchSize) {
    const idx = order.subarray(start, Math.min(n, start + batchSize));
    const y = gatherRows(data.y as InMemoryDataset['x'], idx).data as Int32Array;
    const targets = new Int32Array(idx.length * (length - 1));
    for (let b = 0; b < idx.length; b++) targets.set(y.subarray(b * length + 1, (b + 1) * length), b * (length - 1));
    const x = trimmedRows(data.x, idx);
    try {
      yield { x, y, targets, rows: idx.length };
    } finally {
      x.dispose();
    }
  }
}
