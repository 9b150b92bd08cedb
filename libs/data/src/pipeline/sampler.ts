/**
 * A deterministic in-memory sampler for resumable training. Epoch e visits the examples in a
 * permutation drawn from (seed, e) alone, so the position {epoch, offset} is the whole state:
 * save it in a checkpoint, pass it back, and the resumed run sees the same batches as an
 * uninterrupted one. Batches never straddle epochs; the last n mod batchSize examples of each
 * epoch's permutation are skipped (a different set each epoch).
 */
import { createRng } from '@stablegen/random';
import { type Batch, checkBatchSize, gatherBatch, type InMemoryDataset, numExamples } from '../in-memory.js';

export interface SamplerState {
  seed: number;
  /** Epochs completed. */
  epoch: number;
  /** Examples already served in the current epoch (a multiple of the batch size). */
  offset: number;
}

export interface Sampler {
  readonly batchSize: number;
  readonly batchesPerEpoch: number;
  /** Example indices of the next batch, [batchSize]. */
  nextIndices(): Int32Array;
  /** The next batch as tensors {x [batchSize, ...], y?}; the caller disposes them. */
  next(): Batch;
  /** The position, to save; `createSampler(data, { batchSize, state })` resumes from it. */
  state(): SamplerState;
}

export interface SamplerOptions {
  batchSize: number;
  /** Seed (default 0); ignored when `state` is given. */
  seed?: number;
  /** A saved position to resume from. */
  state?: SamplerState;
}

/** The permutation of 0..n-1 used in `epoch`. */
export function epochPermutation(n: number, seed: number, epoch: number): Int32Array {
  const perm = Array.from({ length: n }, (_, i) => i);
  return Int32Array.from(createRng(mixSeed(seed, epoch)).shuffle(perm));
}

export function createSampler(data: InMemoryDataset, opts: SamplerOptions): Sampler {
  const n = numExamples(data);
  const { batchSize } = opts;
  checkBatchSize(batchSize, n);
  const batchesPerEpoch = Math.floor(n / batchSize);
  const pos: SamplerState = { ...(opts.state ?? { seed: opts.seed ?? 0, epoch: 0, offset: 0 }) };
  if (pos.offset % batchSize !== 0 || pos.offset > batchesPerEpoch * batchSize || pos.offset < 0) {
    throw new Error(`createSampler: saved offset ${pos.offset} does not fit batch size ${batchSize} and ${n} examples`);
  }
  let perm = epochPermutation(n, pos.seed, pos.epoch);
  const nextIndices = (): Int32Array => {
    if (pos.offset + batchSize > n) {
      pos.epoch += 1;
      pos.offset = 0;
      perm = epochPermutation(n, pos.seed, pos.epoch);
    }
    const out = perm.slice(pos.offset, pos.offset + batchSize);
    pos.offset += batchSize;
    return out;
  };
  return {
    batchSize,
    batchesPerEpoch,
    nextIndices,
    next: () => gatherBatch(data, nextIndices()),
    state: () => ({ ...pos }),
  };
}

/** A 32-bit seed from (seed, epoch) (murmur3 finalizer over both). */
function mixSeed(seed: number, epoch: number): number {
  let h = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ Math.imul(epoch + 1, 0xc2b2ae35), 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}
