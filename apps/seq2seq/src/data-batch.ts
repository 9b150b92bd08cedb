/**
 * Training batches drawn with the run's rng (so a resumed run draws the same batches), bucketed by
 * input length: the encoder runs only as many steps as the batch's longest input, and a bucket
 * holds inputs of similar length (mean encoder length ~13 instead of the padded 28 on the ISO task).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@stablegen/random';
import { gatherRows, PAD, type ArrayField, type InMemoryDataset } from '@stablegen/data';
import type { TextBatch } from './step.js';

/** Real (non-PAD) tokens per row of a left-aligned [n, T] int32 field. */
export function inputLengths(x: ArrayField): Int32Array {
  const [n, width] = x.shape;
  return Int32Array.from({ length: n }, (_, i) => {
    let len = 0;
    while (len < width && x.data[i * width + len] !== PAD) len += 1;
    return len;
  });
}

/**
 * Row indices grouped into `count` buckets of about equal size by input length (rows of equal
 * length stay together, so buckets may be fewer or uneven).
 */
export function lengthBuckets(x: ArrayField, count: number): Int32Array[] {
  const lengths = inputLengths(x);
  const order = Array.from(lengths.keys()).sort((a, b) => lengths[a] - lengths[b] || a - b);
  const buckets: number[][] = [[]];
  const target = order.length / count;
  for (const i of order) {
    const last = buckets[buckets.length - 1];
    const prev = last[last.length - 1];
    if (last.length >= target && lengths[i] !== lengths[prev]) buckets.push([i]);
    else last.push(i);
  }
  return buckets.map((b) => Int32Array.from(b));
}

/** Rows `idx` of `field`, cut to the longest input among them (at least 1 column). */
export function trimmedRows(field: ArrayField, idx: ArrayLike<number>): tf.Tensor2D {
  const rows = gatherRows(field, idx);
  const lengths = inputLengths(rows);
  const width = Math.max(1, ...lengths);
  const full = field.shape[1];
  const out = new Int32Array(idx.length * width);
  for (let r = 0; r < idx.length; r++) out.set(rows.data.subarray(r * full, r * full + width), r * width);
  return tf.tensor2d(out, [idx.length, width], 'int32');
}

/**
 * A bucket with probability proportional to its size, then `batchSize` rows of it uniformly with
 * replacement: every row is drawn with the same probability, as without buckets.
 * @param data x [n, Tin] int32, y [n, L] int32
 */
export function drawBatch(data: InMemoryDataset, buckets: Int32Array[], batchSize: number, rng: Rng): TextBatch {
  let r = rng.int(data.x.shape[0]);
  let k = 0;
  while (r >= buckets[k].length) r -= buckets[k++].length;
  const bucket = buckets[k];
  const idx = Int32Array.from({ length: batchSize }, () => bucket[rng.int(bucket.length)]);
  const y = data.y as ArrayField;
  return { x: trimmedRows(data.x, idx), y: gatherRows(y, idx).data as Int32Array, length: y.shape[1] };
}

/** `count` rows spread evenly over the split (all rows when count is 0 or >= n). */
export function evenSubset(data: InMemoryDataset, count: number): InMemoryDataset {
  const n = data.x.shape[0];
  if (count === 0 || count >= n) return data;
  const idx = Int32Array.from({ length: count }, (_, i) => Math.floor((i * n) / count));
  return { x: gatherRows(data.x, idx), y: gatherRows(data.y as ArrayField, idx) };
}
