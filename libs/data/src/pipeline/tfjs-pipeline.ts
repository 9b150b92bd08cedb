/**
 * Batches with `@tensorflow/tfjs-data`: example indices -> shuffle(buffer, seed) -> [repeat] ->
 * batch -> gather the rows into tensors. Only indices flow through tfjs-data; the rows are copied
 * from the in-memory arrays per batch, so no dataset-sized tensor is held.
 *
 * Determinism: a dataset built with the same seed yields the same batches in the same order.
 * tfjs-data reshuffles on every new iteration of the same Dataset object (each epoch of repeat(),
 * or a second iterator()), drawing the new order from the seed, so the sequence of epochs is fixed
 * as well. A resumable trainer should use `createSampler`, whose position can be saved.
 */
import type * as tf from '@tensorflow/tfjs-core';
import * as tfd from '@tensorflow/tfjs-data';
import { type Batch, checkBatchSize, gatherBatch, type InMemoryDataset, numExamples } from '../in-memory.js';

export interface PipelineOptions {
  batchSize: number;
  /** Shuffle seed (default 0). */
  seed?: number;
  /** Shuffle the examples (default true). */
  shuffle?: boolean;
  /** tfjs-data shuffle buffer (default the dataset size: a uniform permutation). */
  shuffleBuffer?: number;
  /** Repeat forever, reshuffling each epoch (default false): training streams. */
  repeat?: boolean;
  /** Drop the last, smaller batch of an epoch (default true when repeating, else false). */
  dropRemainder?: boolean;
}

/** A tfjs-data Dataset of batches {x [b, ...], y? [b, ...]}; each batch's tensors belong to the caller. */
export function makeBatchDataset(data: InMemoryDataset, opts: PipelineOptions): tfd.Dataset<Batch> {
  const n = numExamples(data);
  checkBatchSize(opts.batchSize, n);
  let indices = tfd.array(Array.from({ length: n }, (_, i) => i));
  if (opts.shuffle !== false) indices = indices.shuffle(opts.shuffleBuffer ?? n, String(opts.seed ?? 0));
  if (opts.repeat) indices = indices.repeat();
  const drop = opts.dropRemainder ?? Boolean(opts.repeat);
  // map() disposes the index tensor: tfjs-data frees input tensors that are not in the output.
  return indices.batch(opts.batchSize, !drop).map((idx) => gatherBatch(data, (idx as tf.Tensor).dataSync()));
}

/**
 * Iterates a batch Dataset, at most `maxBatches` batches (a repeated Dataset never ends).
 * Each yielded batch belongs to the caller: dispose it (disposeBatch) when done.
 */
export async function* iterateBatches(ds: tfd.Dataset<Batch>, maxBatches = Infinity): AsyncGenerator<Batch> {
  const it = await ds.iterator();
  for (let i = 0; i < maxBatches; i++) {
    const r = await it.next();
    if (r.done) return;
    yield r.value;
  }
}

/** Disposes a batch's tensors. */
export function disposeBatch(batch: Batch): void {
  batch.x.dispose();
  batch.y?.dispose();
}
