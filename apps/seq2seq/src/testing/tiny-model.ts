/** Test fixture: a small random model and random (but well-formed) date-like batches. */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@stablegen/random';
import { END, PAD, START } from '@stablegen/data';
import { createParams, type Seq2SeqDims, type Seq2SeqParams } from '../model/params.js';

export const TINY: Seq2SeqDims = { inputVocab: 9, outputVocab: 8, embedding: 5, hidden: 6 };

export function tinyParams(seed = 3, dims: Seq2SeqDims = TINY): Seq2SeqParams {
  return createParams(dims, createRng(seed));
}

/**
 * x [batch, inLen] with 2..inLen real tokens then PAD; y [batch, outLen] = START, outLen - 3..outLen - 2
 * characters, END, PAD...
 */
export function randomBatch(batch: number, inLen: number, outLen: number, seed: number, dims: Seq2SeqDims = TINY): { x: tf.Tensor2D; y: Int32Array } {
  const rng = createRng(seed);
  const x = new Int32Array(batch * inLen);
  const y = new Int32Array(batch * outLen).fill(PAD);
  for (let b = 0; b < batch; b++) {
    const n = 2 + rng.int(inLen - 1);
    for (let t = 0; t < n; t++) x[b * inLen + t] = 4 + rng.int(dims.inputVocab - 4);
    const m = outLen - 3 + rng.int(2);
    y[b * outLen] = START;
    for (let t = 1; t <= m; t++) y[b * outLen + t] = 4 + rng.int(dims.outputVocab - 4);
    y[b * outLen + m + 1] = END;
  }
  return { x: tf.tensor2d(x, [batch, inLen], 'int32'), y };
}
